using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Cohort.Dashboard.Api;

/// <summary>The JSON API under /api. Statistics endpoints take the filters of <see cref="StatisticsParameters"/>.</summary>
internal static class CohortApi
{
    /// <summary>The phase cut-off a query uses unless it names one: the silos' effective setting (a separate dashboard process has no default of its own).</summary>
    public static async Task<double> DefaultCutoff(IGrainFactory grains) =>
        (await grains.GetGrain<Cohort.Contracts.Ingest.ICohortSettingsGrain>(0).Get()).PhaseCutoffHomaIr;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Access.AccessPolicies.Aggregates);
        api.MapGet("/cohort", async (HttpContext http, IGrainFactory grains) => Access.OperationalDetail.ForViewer(await grains.GetGrain<ICohortQueryGrain>(0).Overview(), http.User))
            .WithSummary("The cohort at a glance: participants, visits, observations, markers present, baseline categories and phases, last ingest.");
        api.MapGet("/distribution", async (HttpRequest request, string? metric, IGrainFactory grains, IConfiguration config) =>
                await grains.GetGrain<ICohortQueryGrain>(0).Distribution(StatisticsParameters.Query(request, await DefaultCutoff(grains)), QueryParameters.Metric(metric).Code))
            .WithSummary("Distribution of a marker or index (n, missing, mean, SD, p5–p95, histogram) overall and per stratum, small cells suppressed, with provenance. Filters: sex, age_band, age_band_at_visit, ethnicity, site, category, phase, phenotype; visit; by; cutoff.");
        api.MapGet("/prevalence", async (HttpRequest request, string? condition, string? method, string? standard, IGrainFactory grains, IConfiguration config) =>
                await grains.GetGrain<ICohortQueryGrain>(0).Prevalence(StatisticsParameters.Query(request, await DefaultCutoff(grains)), StatisticsParameters.Condition(condition),
                    method ?? "wilson", standard ?? "ESP2013"))
            .WithSummary("Prevalence of a condition (phase:…, category:…, phenotype:…, or metric>=value) with Wilson (or method=clopper-pearson) 95% CIs, age-standardised (standard=ESP2013|US2000) and weighted when survey weights are present.");
        api.MapGet("/homa-ir/cutoffs", async (HttpRequest request, IGrainFactory grains, IConfiguration config) =>
                await grains.GetGrain<ICohortQueryGrain>(0).HomaIrCutoffs(StatisticsParameters.Query(request, await DefaultCutoff(grains))))
            .WithSummary("Insulin-resistance prevalence under every HOMA-IR cut-off of the registry (provenance, applicability to the filter), local cut-offs with bootstrap CIs, phases under the chosen cut-off, caveats.");
        api.MapGet("/transitions", async (HttpRequest request, string? from, string? to, string? kind, IGrainFactory grains, IConfiguration config) =>
            {
                var k = (kind ?? "phase").ToLowerInvariant() switch
                {
                    "phase" => TransitionKind.Phase,
                    "category" => TransitionKind.Category,
                    _ => throw new QueryParameters.BadParameterException("kind", $"parameter 'kind' must be phase or category (got '{kind}')"),
                };
                return await grains.GetGrain<ICohortQueryGrain>(0).Transitions(StatisticsParameters.Query(request, await DefaultCutoff(grains)),
                    StatisticsParameters.VisitOf(from ?? "baseline", "from"), StatisticsParameters.VisitOf(to ?? "latest", "to"), k);
            })
            .WithSummary("Phase or category transition matrices between two visits (from, to: baseline, latest or a number), overall and by phenotype, with progression incidence per 1,000 person-years (exact Poisson CIs).");
        var participantLevel = app.MapGroup("/api").RequireAuthorization(Access.AccessPolicies.ParticipantLevel);
        participantLevel.MapGet("/export", async (HttpRequest request, IGrainFactory grains, IConfiguration config) =>
            {
                var dir = Path.Combine(Path.GetTempPath(), "cohort-export-" + Guid.NewGuid().ToString("N"));
                try
                {
                    await Cohort.Ingest.Export.CohortExport.WriteAsync(grains, dir, StatisticsParameters.Query(request, await DefaultCutoff(grains)).Filter,
                        from: request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                    using var zip = new MemoryStream();
                    System.IO.Compression.ZipFile.CreateFromDirectory(dir, zip);
                    return Results.File(zip.ToArray(), "application/zip", "cohort-export.zip");
                }
                catch (ExportRefusedException e)
                {
                    return Results.Problem(e.Message, statusCode: 403);
                }
                finally
                {
                    try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
                }
            })
            .WithSummary("Participant-level export (zip: visits.parquet, visits.csv, dictionary.csv, manifest.json) under the visit-free filters; epidemiologists only, and only while Cohort:ExportEnabled is on (the default).");
        participantLevel.MapGet("/participants/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
            {
                if (id.Length > 128) throw new QueryParameters.BadParameterException("id", "participant id: at most 128 characters");
                // The grain audits the read (who, from where), as it does for a gateway client.
                var view = await grains.GetGrain<IParticipantGrain>(id).Get();
                return view is null ? Results.Problem($"no participant '{id}'", statusCode: 404) : Results.Ok(view);
            })
            .WithSummary("A participant's series and per-visit indices with units and factors (epidemiologists; every view is audited).");
    }
}
