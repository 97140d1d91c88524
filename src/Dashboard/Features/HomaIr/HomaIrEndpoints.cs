using Cohort.Contracts.Queries;

namespace Cohort.Dashboard.Features.HomaIr;

/// <summary>HOMA-IR and its cut-offs: the page, its CSV and GET /api/homa-ir/cutoffs.</summary>
internal static class HomaIrEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization(AccessPolicies.Aggregates);
        group.MapGet("/homa-ir", async (HttpRequest request, IGrainFactory grains) =>
        {
            var q = await StatisticsParameters.QueryAsync(request, grains);
            var query = grains.GetGrain<ICohortQueryGrain>(0);
            var d = await query.Distribution(q with { StrataBy = Dimension.None }, "homa_ir");
            return PageResult.Of<HomaIrPage>(new { Distribution = d, Cutoffs = await query.HomaIrCutoffs(q), Query = StatisticsParameters.QueryString(request), Cutoff = q.PhaseCutoffHomaIr });
        });
        group.MapGet("/homa-ir.zip", async (HttpRequest request, IGrainFactory grains) =>
        {
            var c = await Answer(request, grains);
            return CsvTable.Download("homa-ir-cutoffs", StatisticsParameters.Filter(request), [.. Csv.Cutoffs(c), Csv.Prevalence("phases_under_chosen_cutoff", c.PhasesUnderChosenCutoff)]);
        });
        group.MapGet("/homa-ir.csv", (HttpRequest request) => CsvTable.Moved(request, "/homa-ir.zip"));
        group.MapGet("/api/homa-ir/cutoffs", (HttpRequest request, IGrainFactory grains) => Answer(request, grains))
            .WithSummary("Insulin-resistance prevalence under every HOMA-IR cut-off of the registry (provenance, applicability to the filter), local cut-offs with bootstrap CIs, phases under the chosen cut-off, caveats.");
    }

    private static async Task<CutoffSensitivity> Answer(HttpRequest request, IGrainFactory grains) =>
        await grains.GetGrain<ICohortQueryGrain>(0).HomaIrCutoffs(await StatisticsParameters.QueryAsync(request, grains));
}
