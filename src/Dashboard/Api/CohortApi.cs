using Cohort.Contracts.Cohort;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Participants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Cohort.Dashboard.Api;

/// <summary>The JSON API under /api.</summary>
internal static class CohortApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/cohort", (IGrainFactory grains) => grains.GetGrain<ICohortQueryGrain>(0).Overview())
            .WithSummary("The cohort at a glance: participants, visits, observations, markers present, baseline categories and phases, last ingest.");
        api.MapGet("/distribution", async (string? metric, string? visit, IGrainFactory grains) =>
                await grains.GetGrain<ICohortQueryGrain>(0).Distribution(QueryParameters.Metric(metric).Code, QueryParameters.Visit(visit)))
            .WithSummary("Distribution of a marker or index (n, missing, mean, SD, percentiles, histogram) with its caveats.");
        api.MapGet("/participants/{id}", async (string id, IGrainFactory grains, IOptions<DashboardOptions> options) =>
            {
                if (!options.Value.ParticipantLevel)
                    return Results.Problem("participant-level data is turned off (set Cohort:Dashboard:ParticipantLevel to true)", statusCode: 403);
                var view = await grains.GetGrain<IParticipantGrain>(id).Get();
                return view is null ? Results.Problem($"no participant '{id}'", statusCode: 404) : Results.Ok(view);
            })
            .WithSummary("A participant's series and per-visit indices with units and factors (only when participant-level data is enabled).");
    }
}
