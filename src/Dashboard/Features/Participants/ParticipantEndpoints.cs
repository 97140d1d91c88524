using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;

namespace Cohort.Dashboard.Features.Participants;

/// <summary>Participant-level data for epidemiologists: one participant's series (GET /api/participants/{id}) and the export (GET /api/export).</summary>
internal static class ParticipantEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var participantLevel = app.MapGroup("/api").RequireAuthorization(AccessPolicies.ParticipantLevel);
        participantLevel.MapGet("/export", async (HttpRequest request, IGrainFactory grains) =>
            {
                var dir = Path.Combine(Path.GetTempPath(), "cohort-export-" + Guid.NewGuid().ToString("N"));
                try
                {
                    await Cohort.Ingest.Export.CohortExport.WriteAsync(grains, dir, (await StatisticsParameters.QueryAsync(request, grains)).Filter,
                        from: request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                    using var zip = new MemoryStream();
                    System.IO.Compression.ZipFile.CreateFromDirectory(dir, zip);
                    return Results.File(zip.ToArray(), "application/zip", "cohort-export.zip");
                }
                catch (ExportRefusedException e)
                {
                    return Results.Problem(e.Message, statusCode: 403);
                }
                catch (InvalidOperationException e)
                {
                    return Results.Problem(e.Message, statusCode: 409);
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
