using Cohort.Contracts.Ingest;
using static Cohort.Dashboard.Rendering.Html;

namespace Cohort.Dashboard.Pages;

/// <summary>
/// For data engineers: the runs (newest first) with status, trigger, timings, counts, reject reasons, files and their hashes, trace
/// ids and quarantine downloads; the schedules with their next and last run; the latest run's data-quality checks and how they
/// compare with the previous run from the same source.
/// </summary>
internal static class IngestPage
{
    public static string Render(IReadOnlyList<RunSummary> runs, IReadOnlyList<ScheduleView> schedules)
    {
        var newest = runs.Reverse().Take(100).ToArray();
        var runTable = Table($"Ingest runs (newest first, {newest.Length} of {runs.Count})",
            ["run", "status", "trigger", "started (UTC)", "seconds", "rows read", "accepted", "flagged", "rejected", "reject reasons", "files (SHA-256)", "quarantine", "trace"],
            newest.Select(r => new[]
            {
                $"<a href=\"/api/ingest/runs/{E(r.RunId)}\">{E(r.RunId)}</a>",
                $"<span class=\"status {E(r.Status.Code())}\">{E(r.Status.Code())}</span>" + (r.Message is { } m ? $"<br><small>{E(m)}</small>" : ""),
                E(r.Trigger.Code() + (r.Schedule is { } s ? $" ({s})" : "") + (r.ReplayOf is { } o ? $" of {o}" : "")),
                E(r.StartedAt.ToString("yyyy-MM-dd HH:mm:ss")),
                N(r.DurationSeconds, "0.0"),
                N(r.RowsRead), N(r.RowsAccepted), N(r.RowsFlagged), N(r.RowsRejected),
                E(string.Join(", ", r.RejectsByReason.Select(kv => $"{kv.Key} {kv.Value}"))),
                string.Join("<br>", (r.Inputs ?? []).Select(f => $"{E(f.Name)} <code title=\"{E(f.Sha256)}\">{E(f.Sha256[..12])}…</code>")),
                r.RowsRejected > 0
                    ? $"<a href=\"/api/ingest/runs/{E(r.RunId)}/quarantine.csv\">CSV</a> · <a href=\"/api/ingest/runs/{E(r.RunId)}/quarantine.parquet\">Parquet</a>"
                    : "—",
                r.TraceId is { } t ? $"<code>{E(t)}</code>" : "—",
            }), "runs");
        var scheduleTable = schedules.Count == 0
            ? """<p id="schedules">No schedules. Add one with <code>cohort schedule add</code> or <code>POST /api/ingest/schedules</code>.</p>"""
            : Table("Schedules", ["name", "cron", "time zone", "files", "layout", "next run (UTC)", "last run", "last status", "files ingested"],
                schedules.Select(v => new[]
                {
                    E(v.Definition.Name), $"<code>{E(v.Definition.Cron)}</code>", E(v.Definition.TimeZone), $"<code>{E(v.Definition.Path)}</code>",
                    E(v.Definition.Layout + (v.Definition.Mapping is { } mp ? $" ({mp})" : "")),
                    E(v.NextRunAt?.ToString("yyyy-MM-dd HH:mm") ?? "—"),
                    v.LastRunId is { Length: > 0 } id ? $"<a href=\"/api/ingest/runs/{E(id)}\">{E(id)}</a>" : "—",
                    E(v.RunningSince is not null ? "running" : v.LastStatus ?? "never run"),
                    N(v.FilesIngested),
                }), "schedules");
        var quality = newest.FirstOrDefault(r => r.Quality is not null) is { Quality: { } q } latest
            ? Quality(latest.RunId, q)
            : "<p>No data-quality results yet.</p>";
        var body = $"""
            <p>Runs are all or nothing: every file is checked and every row validated before anything is written, and a run whose share of
            rejected rows passes its threshold writes nothing. Files already ingested with the same content are skipped.</p>
            <h2>Schedules</h2>
            {scheduleTable}
            <h2>Runs</h2>
            {runTable}
            <p><a class="download" href="/api/ingest/runs">Run history as JSON</a> · <a class="download" href="/api/ingest/schedules">Schedules as JSON</a></p>
            <h2>Data quality of the latest run</h2>
            {quality}
            """;
        return Page("Ingest", "/ingest", body);
    }

    private static string Quality(string runId, DataQualityReport q)
    {
        var diff = q.Diff is { } d
            ? $"""<p id="quality-diff">Compared with {E(d.PreviousRunId)}: <strong>{d.New.Count}</strong> new, <strong>{d.Resolved.Count}</strong> resolved, <strong>{d.Persisting.Count}</strong> persisting problems.{List("New", d.New)}{List("Resolved", d.Resolved)}{List("Persisting", d.Persisting)}</p>"""
            : """<p id="quality-diff">No earlier run from the same source to compare with.</p>""";
        var checks = Table($"Checks of {runId} (Kahn framework; the threshold is the largest share allowed)",
            ["check", "category", "subject", "what is measured", "observed", "threshold", "result"],
            q.Checks.Select(c => new[]
            {
                $"<code>{E(c.Id)}</code>", E(c.Category), E(c.Subject), E(c.Description), N(c.Observed * 100, "0.###") + "%",
                N(c.Threshold * 100, "0.###") + "%", c.Passed ? "passed" : "<strong>failed</strong>",
            }), "quality");
        return diff + checks;
    }

    private static string List(string label, IReadOnlyList<string> ids) =>
        ids.Count == 0 ? "" : $" {E(label)}: {string.Join(", ", ids.Select(i => $"<code>{E(i)}</code>"))}.";
}
