using System.Text.Json;
using Cohort.Cli.Terminal;
using Cohort.Contracts.Ingest;
using Cohort.Ingest.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Cli.Commands;

/// <summary>`cohort ingest`: reads Parquet drops and sends them to the cluster through a gateway.</summary>
public static class IngestCommand
{
    public const string Usage = """
        cohort ingest --participants FILE --observations FILE [--observations FILE ...] [--layout long|wide] [--mapping NAME|FILE]
                      [--threshold SHARE] [--fasting-default true|false|unknown] [--force] [--gateway HOST:PORT] [--json]

          All or nothing: every file is checked and every row validated first; when more than --threshold of the rows are rejected
          (default 0.01 = 1%) nothing is written and the run says why. Rejected rows go to the run's quarantine (`cohort quarantine`).
          A wide file needs a mapping: `--mapping nhanes` (built in) or a JSON file; with demographics in the mapping the participants
          file may be left out. Files already ingested with the same content are skipped (--force ingests them again).
          Fasting: a row is fasting when its `fasting` column says so or it is an OGTT minute-0 sample; --fasting-default (or the
          mapping's fasting_default) says what an empty fasting value outside an OGTT means; without it such samples are of unknown
          status and are never used where a fasting value is needed (HOMA-IR, TyG, fasting glucose criteria, ...).
          Exit code 0 when the run succeeds or is skipped, 1 otherwise.
        """;

    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var participants = args.String("participants");
        var observations = args.Strings("observations");
        if (observations.Count == 0) throw new UsageException("--observations is required");
        var request = new IngestRequest(participants, observations)
        {
            Layout = args.String("layout") ?? "long",
            Mapping = args.String("mapping"),
            RejectThreshold = args.Number("threshold", 0.01),
            FastingDefault = args.String("fasting-default"),
            Force = args.Flag("force"),
        };
        if (request.Layout is not ("long" or "wide")) throw new UsageException($"--layout must be long or wide (got '{request.Layout}')");
        if (request.Layout == "long" && participants is null) throw new UsageException("--participants is required for the long layout");
        var gateway = args.String("gateway");
        var json = args.Flag("json");
        args.EnsureAllUsed();

        using var host = await ClusterConnection.ConnectAsync(gateway, ct);
        var runner = new IngestRunner(host.Services.GetRequiredService<IGrainFactory>());
        RunSummary run;
        using (var bar = new ProgressBar("ingest", 1))
        {
            var progress = json ? null : new Progress<IngestProgress>(p => bar.Report(p.RowsRead, p.RowsTotal, p.Phase));
            run = await runner.RunAsync(request, progress, ct);
        }
        await host.StopAsync(CancellationToken.None);
        RunReport.Print(run, json);
        return run.Status is RunStatuses.Succeeded or RunStatuses.Skipped ? 0 : 1;
    }
}

/// <summary>How the CLI shows a run: a few readable lines, or one JSON object with --json.</summary>
public static class RunReport
{
    public static void Print(RunSummary run, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(Json(run)));
            return;
        }
        Console.WriteLine($"run {run.RunId}: {run.Status} in {run.DurationSeconds:0.0} s ({run.Trigger}{(run.Schedule is { } s ? $" {s}" : "")})");
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
        run_id = run.RunId, status = run.Status, trigger = run.Trigger, schedule = run.Schedule, replay_of = run.ReplayOf,
        started_at = run.StartedAt, finished_at = run.FinishedAt, rows_read = run.RowsRead, rows_accepted = run.RowsAccepted,
        rows_rejected = run.RowsRejected, rows_flagged = run.RowsFlagged, rows_unchanged = run.RowsUnchanged, rows_added = run.RowsAdded,
        rows_changed = run.RowsChanged, participants_touched = run.ParticipantsTouched, rejects_by_reason = run.RejectsByReason,
        reject_threshold = run.RejectThreshold, duration_seconds = Math.Round(run.DurationSeconds, 3), message = run.Message, trace_id = run.TraceId,
        files = (run.Inputs ?? []).Select(f => new { name = f.Name, path = f.Path, role = f.Role, sha256 = f.Sha256, bytes = f.Bytes }),
        data_quality = run.Quality,
    };
}
