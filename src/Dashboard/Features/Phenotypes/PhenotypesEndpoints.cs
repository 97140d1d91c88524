using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using static Cohort.Dashboard.Parameters.QueryParameters;

namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>Phenotypes: the page and its refit form, and the API (the current or a given model, fitting a new version, comparing versions, phenotype tables).</summary>
internal static class PhenotypesEndpoints
{
    public static PhenotypeFitRequest FitRequest(IQueryCollection q)
    {
        var visit = StatisticsParameters.VisitOf(q["visit"].ToString() is { Length: > 0 } v ? v : "first-ogtt", "visit");
        var k = Integer(q["k"], "k", 2, 12);
        var kMin = Integer(q["k_min"], "k_min", 2, 12) ?? 2;
        var kMax = Integer(q["k_max"], "k_max", 2, 12) ?? 8;
        if (kMin > kMax) throw new BadParameterException("k_min", $"parameter 'k_min' ({kMin}) must not exceed 'k_max' ({kMax})");
        return new PhenotypeFitRequest(visit, k, Integer(q["seed"], "seed", 0, int.MaxValue) ?? 1, kMin, kMax)
        {
            Features = List(q["features"]),
            Log = List(q["log"]),
            Preset = q["preset"].ToString() is { Length: > 0 } preset ? preset : null,
            Population = q["population"].ToString() is { Length: > 0 } population ? population : null,
            Method = q["method"].ToString() is { Length: > 0 } method ? method : null,
            BySex = Flag(q["by_sex"], "by_sex"),
            Families = List(q["families"]),
        };
    }

    private static readonly string[] CurveShapeCodes = Enum.GetValues<Domain.Glycaemia.CurveShape>().Skip(1).Select(Domain.Glycaemia.CurveShapes.Code).ToArray();

    /// <summary>A yes/no parameter: absent, "false" or "0" is no; "true", "on" (a checked box) or "1" is yes.</summary>
    private static bool Flag(Microsoft.Extensions.Primitives.StringValues value, string name) => value.ToString().Trim().ToLowerInvariant() switch
    {
        "" or "false" or "0" or "off" => false,
        "true" or "1" or "on" => true,
        var other => throw new BadParameterException(name, $"parameter '{name}' must be true or false, not '{other}'"),
    };

    /// <summary>A comma-separated list ("glucose,insulin,sspg"), or null when the parameter is absent or empty.</summary>
    private static string[]? List(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray() is { Length: > 0 } list ? list : null;

    /// <summary>The current model (or a version) as the silo releases it to analysts, which the CLI shows too.</summary>
    public static Task<PhenotypesView?> View(IGrainFactory grains, int? version)
    {
        var released = grains.GetGrain<IPhenotypeReleaseGrain>(0);
        return version is { } v ? released.Version(v) : released.Current();
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/phenotypes", async (HttpRequest request, IGrainFactory grains) => await Page(request, grains, null))
            .RequireAuthorization(AccessPolicies.Aggregates);
        app.MapPost("/phenotypes/fit", async (HttpRequest request, IGrainFactory grains) =>
        {
            if (await RequestIdentity.RefuseForgedForm(request.HttpContext) is { } forged) return forged;
            var form = await request.ReadFormAsync();
            try
            {
                // The form always sends its feature-set choice; features typed in replace it.
                var given = form.Where(kv => kv.Value.ToString().Length > 0).ToDictionary(kv => kv.Key, kv => kv.Value);
                if (given.ContainsKey("features")) given.Remove("preset");
                var parameters = new QueryCollection(given);
                var job = await grains.GetGrain<IPhenotypeModelGrain>(0).StartFit(FitRequest(parameters));
                return Results.Redirect($"/phenotypes/jobs/{job.Id}", permanent: false, preserveMethod: false);
            }
            catch (Exception e) when (e is BadParameterException or ArgumentException)
            {
                return await Page(request, grains, e.Message, StatusCodes.Status400BadRequest);
            }
        }).RequireAuthorization(AccessPolicies.ParticipantLevel);
        app.MapGet("/phenotypes/jobs/{id}", async (string id, IGrainFactory grains) =>
        {
            var job = await Job(grains, id);
            return job.State == "succeeded"
                ? Results.Redirect($"/phenotypes?version={job.Version}", permanent: false, preserveMethod: false)
                : PageResult.Of<PhenotypeFitJobPage>(new { Job = job });
        }).RequireAuthorization(AccessPolicies.ParticipantLevel);
        app.MapPost("/phenotypes/import", async (HttpRequest request, IGrainFactory grains) =>
        {
            if (await RequestIdentity.RefuseForgedForm(request.HttpContext) is { } forged) return forged;
            var form = await request.ReadFormAsync();
            try
            {
                var file = form.Files.GetFile("file") ?? throw new BadParameterException("file", "choose a model file to import");
                using var reader = new StreamReader(file.OpenReadStream());
                var json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
                var source = form["source"].ToString() is { Length: > 0 } s ? s : file.FileName;
                var model = await grains.GetGrain<IPhenotypeModelGrain>(0).Import(json, source);
                return Results.Redirect($"/phenotypes?version={model.Version}", permanent: false, preserveMethod: false);
            }
            catch (Exception e) when (e is BadParameterException or ArgumentException)
            {
                return await Page(request, grains, e.Message, StatusCodes.Status400BadRequest);
            }
        }).RequireAuthorization(AccessPolicies.ParticipantLevel);
        app.MapGet("/phenotypes.zip", async (HttpRequest request, IGrainFactory grains) =>
        {
            var version = Integer(request.Query["version"], "version", 1, int.MaxValue);
            var view = await View(grains, version) ?? throw new BadParameterException("version", version is null
                ? "no phenotype model has been fitted yet" : $"there is no phenotype model version {version}");
            var (_, byPhase, byStratum, byCurve) = await Tables(request, grains);
            return CsvTable.Download($"phenotypes-v{view.Version}", StatisticsParameters.Filter(request),
                [Csv.PhenotypeClusters(view, byPhase), .. new[] { byPhase, byStratum, byCurve }.DistinctBy(t => t.By).Select(Csv.PhenotypeTable)]);
        }).RequireAuthorization(AccessPolicies.Aggregates);
        MapApi(app);
    }

    private static async Task<PhenotypeFitJob> Job(IGrainFactory grains, string id) =>
        await grains.GetGrain<IPhenotypeModelGrain>(0).Job(id)
        ?? throw new NotFoundException($"there is no fit job '{id}' (a job is kept for an hour after it finishes, and a restart of the silo forgets it; its model, if stored, is in the list of versions)");

    private static async Task<IResult> Page(HttpRequest request, IGrainFactory grains, string? fitError, int status = StatusCodes.Status200OK)
    {
        var version = Integer(request.Query["version"], "version", 1, int.MaxValue);
        var view = await View(grains, version);
        var presets = await grains.GetGrain<IPhenotypeModelGrain>(0).Presets();
        if (view is null) return PageResult.Of<PhenotypesPage>(new { View = (PhenotypesView?)null, FitError = fitError, Presets = presets }, status);
        var (q, byPhase, byStratum, byCurve) = await Tables(request, grains);
        var query = grains.GetGrain<ICohortQueryGrain>(0);
        var curveByPhase = await Task.WhenAll(CurveShapeCodes.Select(s => query.Prevalence(q with { StrataBy = Dimension.Phase }, new Condition(ConditionKind.CurveShape, s))));
        PhenotypeIncidenceView? incidence = null;
        try
        {
            incidence = PhenotypeIncidenceView.Of(await query.Outcomes(q with { Visit = VisitChoice.Baseline, StrataBy = Dimension.Phenotype }, Domain.Outcomes.EventCatalogue.DiabetesDiagnosis));
        }
        catch (ArgumentException)
        {
            // No events of that kind were ingested: the page says so.
        }
        PhenotypeComparisonView? comparison = null;
        if (Integer(request.Query["a"], "a", 1, int.MaxValue) is { } a && Integer(request.Query["b"], "b", 1, int.MaxValue) is { } b)
            comparison = await grains.GetGrain<IPhenotypeReleaseGrain>(0).Compare(a, b);
        return PageResult.Of<PhenotypesPage>(new
        {
            View = view, ByPhase = byPhase, ByStratum = byStratum, ByCurveShape = byCurve, CurveShapeByPhase = curveByPhase, Incidence = incidence,
            Comparison = comparison, FitError = fitError, Presets = presets,
        }, status);
    }

    /// <summary>The page's query (visit defaulting to the first with an OGTT) and its phenotype tables: by phase, by the chosen stratum (sex by default), by curve shape.</summary>
    private static async Task<(CohortQuery Query, PhenotypeTableResult ByPhase, PhenotypeTableResult ByStratum, PhenotypeTableResult ByCurve)> Tables(HttpRequest request, IGrainFactory grains)
    {
        var q = await StatisticsParameters.QueryAsync(request, grains);
        if (string.IsNullOrEmpty(request.Query["visit"])) q = q with { Visit = VisitChoice.FirstOgtt };
        var query = grains.GetGrain<ICohortQueryGrain>(0);
        return (q, await query.PhenotypeTable(q with { StrataBy = Dimension.Phase }),
            await query.PhenotypeTable(q.StrataBy == Dimension.None ? q with { StrataBy = Dimension.Sex } : q),
            await query.PhenotypeTable(q with { StrataBy = Dimension.CurveShape }));
    }

    private static void MapApi(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/phenotypes").RequireAuthorization(AccessPolicies.Aggregates);
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
            .RequireAuthorization(AccessPolicies.ParticipantLevel)
            .WithSummary("Fits a new model version (method=kmeans|gmm: k-means chooses k in k_min–k_max by stability and silhouette, a Gaussian mixture its covariance family and k by BIC; k fixes k; by_sex=true fits women and men separately; seed; visit, default first-ogtt) and assigns every participant with it. Features: preset=tissue|fasting|ahlqvist|a saved name, or features=glucose,insulin,sspg (any metric or age) with log=sspg and population=outside-diabetes|diabetes|everyone.");
        api.MapPost("/jobs", async (HttpRequest request, IGrainFactory grains) =>
            {
                var job = await grains.GetGrain<IPhenotypeModelGrain>(0).StartFit(FitRequest(request.Query));
                return Results.Accepted($"/api/phenotypes/jobs/{job.Id}", job);
            })
            .RequireAuthorization(AccessPolicies.ParticipantLevel)
            .WithSummary("Starts a fit (the parameters of POST /api/phenotypes/fit) as a job and answers 202 at once with the job and its address; an unknown feature or preset is a 400 before anything starts.");
        api.MapGet("/jobs/{id}", async (string id, IGrainFactory grains) => Results.Json(await Job(grains, id)))
            .RequireAuthorization(AccessPolicies.ParticipantLevel)
            .WithSummary("A fit job: state (queued, running, succeeded, failed), stage 1–3 (gathering features, training, storing and assigning), the step in words with units done of total, and the new version or the reason it failed.");
        api.MapGet("/export", async (HttpRequest request, IGrainFactory grains) =>
            {
                var models = grains.GetGrain<IPhenotypeModelGrain>(0);
                var version = Integer(request.Query["version"], "version", 1, int.MaxValue) ?? (await models.Latest())?.Version;
                if (version is null) return Results.Problem("no phenotype model has been fitted yet", statusCode: StatusCodes.Status404NotFound);
                if (await models.Version(version.Value) is null) return Results.Problem($"there is no phenotype model version {version}", statusCode: StatusCodes.Status404NotFound);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(await models.Export(version.Value)), "application/json", $"phenotype-model-v{version}.json");
            })
            .RequireAuthorization(AccessPolicies.ParticipantLevel)
            .WithSummary("A model version (default the current) as a model file (docs/phenotype-model-format.md) that another Cohort imports to assign its participants without refitting.");
        api.MapPost("/import", async (HttpRequest request, IGrainFactory grains) =>
            {
                if (!request.HasJsonContentType())
                    return Results.Problem("the body must be a phenotype model file sent as application/json", statusCode: StatusCodes.Status415UnsupportedMediaType);
                using var reader = new StreamReader(request.Body);
                var json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
                var source = request.Query["source"].ToString() is { Length: > 0 } s ? s : "a model file sent to the API";
                var model = await grains.GetGrain<IPhenotypeModelGrain>(0).Import(json, source);
                return Results.Json(await View(grains, model.Version));
            })
            .RequireAuthorization(AccessPolicies.ParticipantLevel)
            .WithSummary("Imports a model file (application/json; source=a name for where it came from) as a new version, assigns every participant with it without refitting, and reports the ARI against a refit here. Refused with every problem named (a feature this cohort lacks or holds in another unit, a covariance that is not positive definite, …).");
        api.MapGet("/presets", (IGrainFactory grains) => grains.GetGrain<IPhenotypeModelGrain>(0).Presets())
            .WithSummary("The feature presets: Cohort's (tissue, fasting, ahlqvist) and the study's saved ones, with their features, logged features and training population.");
        api.MapPost("/presets", async (HttpRequest request, IGrainFactory grains) =>
            {
                var q = request.Query;
                var name = q["name"].ToString() is { Length: > 0 } n ? n : throw new BadParameterException("name", "parameter 'name' is required");
                var features = List(q["features"]) ?? throw new BadParameterException("features", "parameter 'features' is required (for example features=glucose,insulin,sspg)");
                return Results.Json(await grains.GetGrain<IPhenotypeModelGrain>(0).SavePreset(
                    new PhenotypePreset(name, q["description"].ToString(), features, List(q["log"]), q["population"].ToString())));
            })
            .RequireAuthorization(AccessPolicies.ParticipantLevel)
            .WithSummary("Saves a study's feature set under a name (name, features, log, population, description) for later fits with preset=NAME.");
        api.MapGet("/compare", async (HttpRequest request, IGrainFactory grains) =>
            {
                var a = Integer(request.Query["a"], "a", 1, int.MaxValue) ?? throw new BadParameterException("a", "parameter 'a' (a model version) is required");
                var b = Integer(request.Query["b"], "b", 1, int.MaxValue) ?? throw new BadParameterException("b", "parameter 'b' (a model version) is required");
                return Results.Json(await grains.GetGrain<IPhenotypeReleaseGrain>(0).Compare(a, b));
            })
            .WithSummary("Adjusted Rand index between the assignments of two model versions (a, b) over the participants both assign, with the suppressed contingency table.");
        api.MapGet("/table", async (HttpRequest request, IGrainFactory grains) =>
                await grains.GetGrain<ICohortQueryGrain>(0).PhenotypeTable(await StatisticsParameters.QueryAsync(request, grains)))
            .WithSummary("Participants by stratum (by=phase, sex, site, …) × phenotype at the chosen visit, small cells suppressed; the usual filters apply.");
    }
}
