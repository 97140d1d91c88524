using Cohort.Contracts.Markers;
using Cohort.Domain.Markers;
using Cohort.Ingest.Markers;

namespace Cohort.Dashboard.Features.Markers;

/// <summary>The markers in force (GET /api/markers, every role) and the study's declarations (POST /api/markers and its history, engineers).</summary>
internal static class MarkersEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/markers", async (IGrainFactory grains) =>
            {
                var markers = await grains.MarkersAsync();
                return new MarkerListing(markers.Version, markers.All.Select(MarkerFile.ToEntry).ToArray());
            })
            .RequireAuthorization(AccessPolicies.Aggregates)
            .WithSummary("Every marker Cohort accepts, in the marker-file shape (code, name, unit, units with factors, loinc, reject, flag, fasting, skewed, citation) with its number: Cohort's own (0–127) and the study's (128–255).");
        var api = app.MapGroup("/api/markers").RequireAuthorization(AccessPolicies.Ingest);
        api.MapPost("", async (HttpRequest request, IGrainFactory grains) =>
            {
                if (!request.HasJsonContentType())
                    return Results.Problem("the body must be a marker file sent as application/json", statusCode: StatusCodes.Status415UnsupportedMediaType);
                using var reader = new StreamReader(request.Body);
                var json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
                return Results.Ok(await grains.GetGrain<IMarkerRegistryGrain>(0).Declare(json, "request body"));
            })
            .WithSummary("Declares the study's markers from a marker file (a JSON array of definitions). Refused with a problem naming every error: a unit that is not UCUM, a code of Cohort's own markers, a changed unit or limit of a marker with observations.");
        api.MapGet("/history", (IGrainFactory grains) => grains.GetGrain<IMarkerRegistryGrain>(0).History())
            .WithSummary("Every version of the study's markers: when, by whom, from which file, what changed.");
    }
}
