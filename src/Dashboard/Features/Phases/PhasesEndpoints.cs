using Cohort.Contracts.Queries;
using Cohort.Ingest.Markers;

namespace Cohort.Dashboard.Features.Phases;

/// <summary>Phases, prevalence and transitions: the page, its CSV, GET /api/prevalence and GET /api/transitions.</summary>
internal static class PhasesEndpoints
{
    private static readonly string[] PhaseCodes = ["normal", "compensated", "intermediate", "diabetes-range"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization(AccessPolicies.Aggregates);
        group.MapGet("/phases", async (HttpRequest request, IGrainFactory grains) =>
        {
            var (prevalence, transitions) = await Phases(request, grains);
            return PageResult.Of<PhasesPage>(new { Prevalence = prevalence, Transitions = transitions, Query = StatisticsParameters.QueryString(request) });
        });
        group.MapGet("/phases.zip", async (HttpRequest request, IGrainFactory grains) =>
        {
            var (prevalence, transitions) = await Phases(request, grains);
            return CsvTable.Download("phases", StatisticsParameters.Filter(request), [Csv.Prevalence("prevalence", prevalence), .. Csv.Transitions(transitions)]);
        });
        group.MapGet("/phases.csv", (HttpRequest request) => CsvTable.Moved(request, "/phases.zip"));
        group.MapGet("/api/prevalence", async (HttpRequest request, string? condition, string? method, string? standard, IGrainFactory grains) =>
                await grains.GetGrain<ICohortQueryGrain>(0).Prevalence(await StatisticsParameters.QueryAsync(request, grains), StatisticsParameters.Condition(condition, await grains.MarkersAsync()),
                    StatisticsParameters.Interval(method), StatisticsParameters.Standard(standard)))
            .WithSummary("Prevalence of a condition (phase:…, category:…, phenotype:…, or metric>=value) with Wilson (or method=clopper-pearson) 95% CIs, age-standardised (standard=ESP2013|US2000) and weighted when survey weights are present.");
        group.MapGet("/api/transitions", async (HttpRequest request, string? from, string? to, string? kind, IGrainFactory grains) =>
            {
                var k = (kind ?? "phase").ToLowerInvariant() switch
                {
                    "phase" => TransitionKind.Phase,
                    "category" => TransitionKind.Category,
                    _ => throw new QueryParameters.BadParameterException("kind", $"parameter 'kind' must be phase or category (got '{kind}')"),
                };
                return await grains.GetGrain<ICohortQueryGrain>(0).Transitions(await StatisticsParameters.QueryAsync(request, grains),
                    StatisticsParameters.VisitOf(from ?? "baseline", "from"), StatisticsParameters.VisitOf(to ?? "latest", "to"), k);
            })
            .WithSummary("Phase or category transition matrices between two visits (from, to: baseline, latest or a number), overall and by phenotype, with progression incidence per 1,000 person-years (exact Poisson CIs).");
    }

    private static async Task<(PrevalenceResult[] Prevalence, TransitionResult Transitions)> Phases(HttpRequest request, IGrainFactory grains)
    {
        var q = await StatisticsParameters.QueryAsync(request, grains) with { StrataBy = Dimension.None };
        var query = grains.GetGrain<ICohortQueryGrain>(0);
        var prevalence = await Task.WhenAll(PhaseCodes.Select(p => query.Prevalence(q, new Condition(ConditionKind.Phase, p))));
        var transitions = await query.Transitions(q, StatisticsParameters.VisitOf(request.Query["from"].ToString() is { Length: > 0 } f ? f : "baseline", "from"),
            StatisticsParameters.VisitOf(request.Query["to"].ToString() is { Length: > 0 } t ? t : "latest", "to"), TransitionKind.Phase);
        return (prevalence, transitions);
    }
}
