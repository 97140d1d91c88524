using Cohort.Contracts.Queries;
using Cohort.Ingest.Markers;

namespace Cohort.Dashboard.Features.Trajectories;

/// <summary>A metric's course over the visits: the page, its CSV and GET /api/trajectories.</summary>
internal static class TrajectoryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization(AccessPolicies.Aggregates);
        group.MapGet("/trajectories", async (HttpRequest request, string? metric, IGrainFactory grains) =>
        {
            var t = await Answer(request, metric ?? "homa_ir", grains);
            return PageResult.Of<TrajectoriesPage>(new { Result = t, (await grains.MarkersAsync()).Metrics, Query = StatisticsParameters.QueryOf(request, "metric", t.Metric) });
        });
        group.MapGet("/trajectories.csv", async (HttpRequest request, string? metric, IGrainFactory grains) =>
        {
            var t = await Answer(request, metric, grains);
            return CsvTable.Download($"trajectory-{t.Metric}-by-{Format.Words(t.StrataBy).Replace(' ', '-')}", StatisticsParameters.Filter(request), Csv.Trajectory(t));
        });
        group.MapGet("/api/trajectories", (HttpRequest request, string? metric, IGrainFactory grains) => Answer(request, metric, grains))
            .WithSummary("A metric's released distribution at visit 1, 2, … (to the last visit with participants), overall and per stratum (by=phenotype, sex, …): the same releases as GET /api/distribution with visit=N. Filters as elsewhere.");
    }

    private static async Task<Trajectory> Answer(HttpRequest request, string? metric, IGrainFactory grains) =>
        await Trajectory.LoadAsync(grains.GetGrain<ICohortQueryGrain>(0), await StatisticsParameters.QueryAsync(request, grains),
            QueryParameters.Metric(metric, await grains.MarkersAsync()).Code);
}
