using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using static Cohort.Dashboard.Api.QueryParameters;

namespace Cohort.Dashboard.Api;

/// <summary>The phenotype endpoints: the current (or a given) model, fitting a new version, comparing versions, phenotype tables.</summary>
internal static class PhenotypesApi
{
    public static PhenotypeFitRequest FitRequest(IQueryCollection q)
    {
        var visit = StatisticsParameters.VisitOf(q["visit"].ToString() is { Length: > 0 } v ? v : "first-ogtt", "visit");
        var k = Integer(q["k"], "k", 2, 12);
        var kMin = Integer(q["k_min"], "k_min", 2, 12) ?? 2;
        var kMax = Integer(q["k_max"], "k_max", 2, 12) ?? 8;
        if (kMin > kMax) throw new BadParameterException("k_min", $"parameter 'k_min' ({kMin}) must not exceed 'k_max' ({kMax})");
        return new PhenotypeFitRequest(visit, k, Integer(q["seed"], "seed", 0, int.MaxValue) ?? 1, kMin, kMax);
    }

    public static async Task<PhenotypesView?> View(IGrainFactory grains, int? version)
    {
        var models = grains.GetGrain<IPhenotypeModelGrain>(0);
        var view = version is { } v ? await models.Version(v) : await models.Current();
        if (view is null) return null;
        var versions = (await models.List()).Select(m => m.Version).ToArray();
        return PhenotypeViews.Build(view, versions);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/phenotypes").RequireAuthorization(Access.AccessPolicies.Aggregates);
        api.MapGet("", async (HttpRequest request, IGrainFactory grains) =>
                await View(grains, Integer(request.Query["version"], "version", 1, int.MaxValue)) is { } view
                    ? Results.Json(view)
                    : Results.Problem(request.Query.ContainsKey("version") ? $"there is no phenotype model version {request.Query["version"]}"
                        : "no phenotype model has been fitted yet: POST /api/phenotypes/fit or run `cohort phenotypes fit`", statusCode: 404))
            .WithSummary("The current phenotype model (or ?version=N): features, scaler policy, k and its evidence, clusters with size, label, centroid z-profile, rationale and stability; sizes below the suppression threshold withheld.");
        api.MapPost("/fit", async (HttpRequest request, IGrainFactory grains) =>
            {
                var model = await grains.GetGrain<IPhenotypeModelGrain>(0).Fit(FitRequest(request.Query));
                return Results.Json(await View(grains, model.Version));
            })
            .RequireAuthorization(Access.AccessPolicies.ParticipantLevel)
            .WithSummary("Fits a new model version (k chosen in k_min–k_max by stability and silhouette unless k is given; seed; visit, default first-ogtt) and assigns every participant with it.");
        api.MapGet("/compare", async (HttpRequest request, IGrainFactory grains) =>
            {
                var a = Integer(request.Query["a"], "a", 1, int.MaxValue) ?? throw new BadParameterException("a", "parameter 'a' (a model version) is required");
                var b = Integer(request.Query["b"], "b", 1, int.MaxValue) ?? throw new BadParameterException("b", "parameter 'b' (a model version) is required");
                return Results.Json(PhenotypeViews.Comparison(await grains.GetGrain<IPhenotypeModelGrain>(0).Compare(a, b)));
            })
            .WithSummary("Adjusted Rand index between the assignments of two model versions (a, b) over the participants both assign, with the suppressed contingency table.");
        api.MapGet("/table", async (HttpRequest request, IGrainFactory grains, IConfiguration config) =>
                await grains.GetGrain<ICohortQueryGrain>(0).PhenotypeTable(StatisticsParameters.Query(request, await CohortApi.DefaultCutoff(grains))))
            .WithSummary("Participants by stratum (by=phase, sex, site, …) × phenotype at the chosen visit, small cells suppressed; the usual filters apply.");
    }
}
