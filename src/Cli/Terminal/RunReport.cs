using Cohort.Contracts;
using Cohort.Contracts.Ingest;

namespace Cohort.Cli.Terminal;

/// <summary>How the CLI shows a run: a few readable lines, or one JSON object with --json.</summary>
public static class RunReport
{
    public static void Print(RunSummary run, bool json)
    {
        if (json)
        {
            Console.WriteLine(CohortJson.Serialize(Json(run)));
            return;
        }
        Console.WriteLine($"run {run.RunId}: {run.Status.Code()} in {run.DurationSeconds:0.0} s ({run.Trigger.Code()}{(run.Schedule is { } s ? $" {s}" : "")})");
        Console.WriteLine($"  rows read {run.RowsRead:N0}, accepted {run.RowsAccepted:N0} ({run.RowsFlagged:N0} flagged), rejected {run.RowsRejected:N0} (threshold {run.RejectThreshold:P1})");
        Console.WriteLine($"  added {run.RowsAdded:N0}, changed {run.RowsChanged:N0}, unchanged {run.RowsUnchanged:N0}; participants touched {run.ParticipantsTouched:N0}");
        if (run.RejectsByReason.Count > 0) Console.WriteLine($"  rejects: {string.Join(", ", run.RejectsByReason.Select(kv => $"{kv.Key} {kv.Value:N0}"))}");
        foreach (var f in run.Inputs ?? []) Console.WriteLine($"  {f.Role,-12} {f.Name} sha256 {f.Sha256[..16]}… {f.Bytes:N0} bytes");
        if (run.Quality is { } q)
        {
            var failed = q.Checks.Where(c => !c.Passed).ToArray();
            Console.WriteLine($"  data quality: {q.Checks.Count - failed.Length} of {q.Checks.Count} checks passed" +
                (q.Diff is { } d ? $"; vs {d.PreviousRunId}: {d.New.Count} new, {d.Resolved.Count} resolved, {d.Persisting.Count} persisting" : ""));
            foreach (var c in failed) Console.WriteLine($"    failed {c.Id}: {c.Observed:P2} (threshold {c.Threshold:P2}) {c.Description}");
        }
        if (run.Message is not null) Console.WriteLine($"  {run.Message}");
        if (run.TraceId is not null) Console.WriteLine($"  trace {run.TraceId}");
    }

    public static object Json(RunSummary run) => new
    {
        run.RunId, run.Status, run.Trigger, run.Schedule, run.ReplayOf, run.StartedAt, run.FinishedAt, run.RowsRead, run.RowsAccepted,
        run.RowsRejected, run.RowsFlagged, run.RowsUnchanged, run.RowsAdded, run.RowsChanged, run.ParticipantsTouched, run.RejectsByReason,
        run.RejectThreshold, DurationSeconds = Math.Round(run.DurationSeconds, 3), run.Message, run.TraceId,
        Files = (run.Inputs ?? []).Select(f => new { f.Name, f.Path, f.Role, f.Sha256, f.Bytes }),
        DataQuality = run.Quality,
    };
}
