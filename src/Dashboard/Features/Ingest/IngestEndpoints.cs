using System.Globalization;
using Cohort.Contracts.Ingest;
using Cohort.Ingest.Ingestion;
using Cohort.Settings;
using Microsoft.Extensions.Options;

namespace Cohort.Dashboard.Features.Ingest;

/// <summary>For data engineers: the ingest page, and runs, their quarantines and replays, and schedules under /api/ingest.</summary>
internal static class IngestEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/ingest", (IGrainFactory grains) => Page(grains, null, null)).RequireAuthorization(Access.AccessPolicies.Ingest);
        app.MapPost("/ingest/schedules", async (HttpRequest request, IGrainFactory grains) =>
        {
            if (await RequestIdentity.RefuseForgedForm(request.HttpContext) is { } forged) return forged;
            var form = await request.ReadFormAsync();
            string? Text(string key) => form[key].ToString() is { Length: > 0 } v ? v.Trim() : null;
            // A number typed into the form, refused naming the field as the page and the API name it.
            T? Number<T>(string key, NumberStyles styles, string refusal, string? field = null) where T : struct, System.Numerics.INumberBase<T> =>
                Text(key) is { } typed
                    ? T.TryParse(typed, styles, CultureInfo.InvariantCulture, out var n) ? n : throw new ScheduleException($"{field ?? key}: '{typed}' {refusal}")
                    : null;
            var draft = new ScheduleRequest(Text("name"), Text("cron"), Text("path"), Text("participants"), Text("layout"), Text("mapping"), null, Text("timezone"));
            try
            {
                draft = draft with { Threshold = Number<double>("threshold", NumberStyles.Float, "is not a number (a share such as 0.01)") };
                draft = draft with { MaxRowsPerSecond = Number<long>("pace", NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, "is not a whole number of rows", "max rows per second") };
                await grains.GetGrain<ISchedulesGrain>(0).Add(Definition(draft));
                return Results.Redirect("/ingest#schedules", permanent: false, preserveMethod: false);
            }
            catch (ScheduleException e)
            {
                return await Page(grains, e.Message, draft, StatusCodes.Status400BadRequest, (Text("threshold"), Text("pace")));
            }
        }).RequireAuthorization(Access.AccessPolicies.Ingest);
        var api = app.MapGroup("/api/ingest").RequireAuthorization(Access.AccessPolicies.Ingest);
        api.MapGet("/runs", async (string? limit, string? before, IGrainFactory grains) =>
            {
                var count = QueryParameters.Integer(limit, "limit", 1, RunSummary.HistoryKept) ?? RunSummary.HistoryKept;
                return await grains.GetGrain<IIngestRunsGrain>(0).Newest(count, before) is { } newest ? Results.Ok(newest.Reverse()) : NoRun(before!);
            })
            .WithSummary("Ingest run history, oldest first: status, trigger, timings, counts, reject reasons, files with SHA-256, data quality, " +
                "trace id. limit (1 to 1000, default all): only the latest that many; before (a run id): only runs recorded before it, so " +
                "the first run of one page is the next page's before.");
        api.MapGet("/runs/{id}", async (string id, IGrainFactory grains) =>
                await Run(grains, id) is { } run ? Results.Ok(run) : NoRun(id))
            .WithSummary("One ingest run.");
        api.MapGet("/runs/{id}/quarantine.csv", async (string id, IGrainFactory grains) =>
            {
                if (await Run(grains, id) is null) return NoRun(id);
                var rows = await grains.GetGrain<IIngestRunsGrain>(0).Quarantine(id);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(QuarantineExport.ToCsv(id, rows)), "text/csv", $"quarantine-{id}.csv");
            })
            .WithSummary("A run's rejected rows (file, row group, row, reason, message, raw values) as CSV.");
        api.MapGet("/runs/{id}/quarantine.parquet", async (string id, IGrainFactory grains) =>
            {
                if (await Run(grains, id) is null) return NoRun(id);
                var rows = await grains.GetGrain<IIngestRunsGrain>(0).Quarantine(id);
                var path = System.IO.Path.GetTempFileName();
                try
                {
                    await QuarantineExport.WriteParquetAsync(id, rows, path);
                    return Results.File(await File.ReadAllBytesAsync(path), "application/vnd.apache.parquet", $"quarantine-{id}.parquet");
                }
                finally
                {
                    File.Delete(path);
                }
            })
            .WithSummary("A run's rejected rows as Parquet.");
        api.MapPost("/runs/{id}/replay", async (string id, string? mapping, string? participants, double? threshold, IGrainFactory grains,
                IOptions<IngestOptions> options) =>
            {
                if (await Run(grains, id) is null) return NoRun(id);
                var roots = options.Value.EffectiveRoots;
                if (mapping is not null && (mapping.Contains('/') || mapping.Contains('\\'))) IngestRoots.Require(roots, mapping, "mapping");
                if (participants is not null) IngestRoots.Require(roots, participants, "participants");
                var rows = await grains.GetGrain<IIngestRunsGrain>(0).Quarantine(id);
                var run = await new IngestRunner(grains).RunAsync(new IngestRequest(participants, [])
                {
                    Mapping = mapping, RejectThreshold = QueryParameters.Share(threshold, "threshold", 1.0), Trigger = RunTrigger.Replay,
                    ReplayOf = id, ReplayRows = rows,
                });
                return Results.Ok(run);
            })
            .WithSummary("Validates a run's quarantined rows again (optionally with a mapping or participants file under the ingest roots) and ingests those that pass, as a new run.");
        api.MapGet("/schedules", (IGrainFactory grains) => grains.GetGrain<ISchedulesGrain>(0).List())
            .WithSummary("Schedules with their last and next run.");
        api.MapPost("/schedules", async (ScheduleRequest body, IGrainFactory grains) =>
            {
                var d = Definition(body);
                var view = await grains.GetGrain<ISchedulesGrain>(0).Add(d);
                return Results.Created($"/api/ingest/schedules/{Uri.EscapeDataString(d.Name)}", view);
            })
            .WithSummary("Adds a schedule: name, cron (5 fields), path (directory and file pattern under an ingest root), participants, layout, mapping, threshold, timezone.");
        api.MapDelete("/schedules/{name}", async (string name, IGrainFactory grains) =>
                await grains.GetGrain<ISchedulesGrain>(0).Remove(name) ? Results.NoContent() : Results.Problem($"no schedule named '{name}'", statusCode: 404))
            .WithSummary("Removes a schedule (files it ingested stay ingested).");
    }

    /// <param name="typed">The form's numbers as typed, shown again with a refusal (the draft holds only numbers that read).</param>
    private static async Task<IResult> Page(IGrainFactory grains, string? error, ScheduleRequest? draft, int status = StatusCodes.Status200OK,
        (string? Threshold, string? Pace) typed = default) =>
        PageResult.Of<IngestPage>(new
        {
            Runs = await grains.GetGrain<IIngestRunsGrain>(0).Newest(IngestPage.RunsShown, before: null) ?? [],
            RunCount = await grains.GetGrain<IIngestRunsGrain>(0).Count(),
            Schedules = await grains.GetGrain<ISchedulesGrain>(0).List(),
            ScheduleError = error,
            Draft = draft,
            ThresholdTyped = typed.Threshold,
            PaceTyped = typed.Pace,
        }, status);

    /// <summary>A schedule as the API or the page's form gave it, with the defaults: long layout, 1% reject threshold, UTC.</summary>
    private static ScheduleDefinition Definition(ScheduleRequest r) =>
        new(r.Name ?? "", r.Cron ?? "", r.Path ?? "", r.Participants, r.Layout ?? "long", r.Mapping, r.Threshold ?? 0.01, r.TimeZone ?? "UTC", r.MaxRowsPerSecond);

    private static Task<RunSummary?> Run(IGrainFactory grains, string id) => grains.GetGrain<IIngestRunsGrain>(0).Get(id);

    private static IResult NoRun(string id) => Results.Problem($"no ingest run '{id}'", statusCode: 404);
}
