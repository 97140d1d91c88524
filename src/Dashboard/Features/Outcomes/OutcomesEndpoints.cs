using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Markers;

namespace Cohort.Dashboard.Features.Outcomes;

/// <summary>Outcomes: incidence of an event by phenotype (or any stratum), the page, its CSV and GET /api/outcomes.</summary>
internal static class OutcomesEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization(AccessPolicies.Aggregates);
        group.MapGet("/outcomes", async (HttpRequest request, string? @event, string? reference, IGrainFactory grains) =>
        {
            var markers = await grains.MarkersAsync();
            var result = await Answer(request, @event ?? Domain.Outcomes.EventCatalogue.DiabetesDiagnosis, reference, grains);
            return PageResult.Of<OutcomesPage>(new { Result = result, Events = markers.Events, Query = StatisticsParameters.QueryOf(request, "event", result.Event) });
        });
        group.MapGet("/outcomes.csv", async (HttpRequest request, string? @event, string? reference, IGrainFactory grains) =>
        {
            var result = await Answer(request, @event, reference, grains);
            return CsvTable.Download($"outcomes-{result.Event}-by-{result.StrataBy}", StatisticsParameters.Filter(request), Csv.Outcomes(result));
        });
        group.MapGet("/api/outcomes", (HttpRequest request, string? @event, string? reference, IGrainFactory grains) => Answer(request, @event, reference, grains))
            .WithSummary("Incidence of an event (event=diabetes_diagnosis, insulin_start, cardiovascular_event, kidney_disease, death or a study's code) from each participant's baseline visit, by phenotype (or by=…): participants, events, person-years, rate per 1,000 person-years with exact 95% CI, Kaplan–Meier cumulative incidence at whole years, and rate ratios against reference=… (default: the first stratum with events) from a Poisson model adjusted for sex, age band and baseline glycaemic category. Small counts suppressed; filters as elsewhere.");
    }

    private static async Task<OutcomeResult> Answer(HttpRequest request, string? eventCode, string? reference, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(eventCode))
            throw new QueryParameters.BadParameterException("event", "the 'event' parameter is required (for example event=diabetes_diagnosis)");
        var markers = await grains.MarkersAsync();
        if (!markers.TryResolveEvent(eventCode, out var ev))
            throw new QueryParameters.BadParameterException("event", $"unknown event '{eventCode}' in parameter 'event'; known: {string.Join(", ", markers.Events.Select(e => e.Code))}");
        var query = await StatisticsParameters.QueryAsync(request, grains);
        return await grains.GetGrain<ICohortQueryGrain>(0).Outcomes(query, ev.Code, string.IsNullOrWhiteSpace(reference) ? null : reference.Trim());
    }
}
