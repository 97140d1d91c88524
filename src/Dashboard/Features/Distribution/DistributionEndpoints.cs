using Cohort.Contracts.Queries;
using Cohort.Ingest.Markers;

namespace Cohort.Dashboard.Features.Distribution;

/// <summary>The distribution of a marker or index: the page, its CSV and GET /api/distribution.</summary>
internal static class DistributionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization(AccessPolicies.Aggregates);
        group.MapGet("/distribution", async (HttpRequest request, string? metric, IGrainFactory grains) =>
        {
            var d = await Answer(request, metric ?? "homa_ir", grains);
            var metrics = (await grains.MarkersAsync()).Metrics;
            return PageResult.Of<DistributionPage>(new { Result = d, Metrics = metrics, Query = StatisticsParameters.QueryOf(request, "metric", d.Metric) });
        });
        group.MapGet("/distribution.csv", async (HttpRequest request, string? metric, IGrainFactory grains) =>
        {
            var d = await Answer(request, metric, grains);
            return CsvTable.Download($"distribution-{d.Metric}-{d.Visit.Replace(' ', '-')}", StatisticsParameters.Filter(request), Csv.Distribution(d));
        });
        group.MapGet("/api/distribution", (HttpRequest request, string? metric, IGrainFactory grains) => Answer(request, metric, grains))
            .WithSummary("Distribution of a marker or index (n, missing, mean, SD, p5–p95, histogram) overall and per stratum, small cells suppressed, with provenance. Filters: sex, age_band, age_band_at_visit, ethnicity, site, category, phase, phenotype; visit; by; cutoff.");
    }

    private static async Task<StratifiedDistribution> Answer(HttpRequest request, string? metric, IGrainFactory grains) =>
        await grains.GetGrain<ICohortQueryGrain>(0).Distribution(await StatisticsParameters.QueryAsync(request, grains),
            QueryParameters.Metric(metric, await grains.MarkersAsync()).Code);
}
