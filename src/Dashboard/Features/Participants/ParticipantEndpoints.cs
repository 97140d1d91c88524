using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Markers;

namespace Cohort.Dashboard.Features.Participants;

/// <summary>
/// Participant-level data for epidemiologists: one participant's page (/participants/{id}, opened by id from /participants) and series
/// (GET /api/participants/{id}), and the export (GET /api/export). An unknown id is a 404.
/// </summary>
internal static class ParticipantEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/participants").RequireAuthorization(AccessPolicies.ParticipantLevel);
        pages.MapGet("", (string? id) => string.IsNullOrWhiteSpace(id)
            ? PageResult.Of<ParticipantLookupPage>(new { })
            : Results.Redirect("/participants/" + Uri.EscapeDataString(id.Trim())));
        pages.MapGet("/{id}", async (string id, IGrainFactory grains) =>
        {
            var view = await Read(id, grains) ?? throw new ParticipantNotFoundException(id);
            var names = (await grains.MarkersAsync()).Metrics.ToDictionary(m => m.Code, m => m.Name);
            return PageResult.Of<ParticipantPage>(new { View = view, Names = names });
        });
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
        participantLevel.MapGet("/participants/{id}", async (string id, IGrainFactory grains) =>
                await Read(id, grains) is { } view ? Results.Ok(view) : Results.Problem($"no participant '{id}'", statusCode: 404))
            .WithSummary("A participant's series and per-visit indices with units and factors (epidemiologists; every view is audited).");
    }

    /// <summary>A participant's view, null when the id is not enrolled. The grain audits the read (who, from where), as for a gateway client.</summary>
    private static async Task<ParticipantView?> Read(string id, IGrainFactory grains)
    {
        if (id.Length > 128) throw new QueryParameters.BadParameterException("id", "participant id: at most 128 characters");
        return await grains.GetGrain<IParticipantGrain>(id).Get();
    }
}

/// <summary>A participant id that is not enrolled: a 404 that names it.</summary>
internal sealed class ParticipantNotFoundException(string id) : NotFoundException($"there is no participant '{id}' in this cohort");
