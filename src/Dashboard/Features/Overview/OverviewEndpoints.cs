using Cohort.Contracts.Queries;
using Cohort.Ingest.Markers;

namespace Cohort.Dashboard.Features.Overview;

/// <summary>The overview: the home page and GET /api/cohort.</summary>
internal static class OverviewEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (IGrainFactory grains) => PageResult.Of<OverviewPage>(new
        {
            Overview = await grains.GetGrain<ICohortQueryGrain>(0).Overview(),
            Markers = await grains.MarkersAsync(),
        }))
            .RequireAuthorization(AccessPolicies.Aggregates);
        app.MapGet("/api/cohort", async (HttpContext http, IGrainFactory grains) => OperationalDetail.ForViewer(await grains.GetGrain<ICohortQueryGrain>(0).Overview(), http.User))
            .RequireAuthorization(AccessPolicies.Aggregates)
            .WithSummary("The cohort at a glance: participants, visits, observations, markers present, baseline categories and phases, last ingest.");
    }
}
