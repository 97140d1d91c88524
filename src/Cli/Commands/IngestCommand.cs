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
        cohort ingest --participants FILE --observations FILE [--observations FILE ...] [--gateway HOST:PORT] [--json]

          Validates every row (rejects and flags with a reason per row; rejected rows go to the run's quarantine), converts units with
          the silo's factors, and merges each participant's rows into its grain. Ingesting the same files again changes nothing.
          Exit code 0 when the run succeeds, 1 when it fails.
        """;

    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var participants = args.RequiredString("participants");
        var observations = args.Strings("observations");
        if (observations.Count == 0) throw new UsageException("--observations is required");
        var gateway = args.String("gateway");
        var json = args.Flag("json");
        args.EnsureAllUsed();

        using var host = await ClusterConnection.ConnectAsync(gateway, ct);
        var runner = new IngestRunner(host.Services.GetRequiredService<IGrainFactory>());
        RunSummary run;
        using (var bar = new ProgressBar("ingest", 1))
        {
            var progress = json ? null : new Progress<IngestProgress>(p => bar.Report(p.RowsRead, p.RowsTotal));
            run = await runner.RunAsync(new IngestRequest(participants, observations), progress, ct);
        }
        await host.StopAsync(CancellationToken.None);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                run_id = run.RunId, status = run.Status, rows_read = run.RowsRead, rows_accepted = run.RowsAccepted, rows_rejected = run.RowsRejected,
                rows_flagged = run.RowsFlagged, rows_unchanged = run.RowsUnchanged, rows_added = run.RowsAdded, rows_changed = run.RowsChanged,
                participants_touched = run.ParticipantsTouched, rejects_by_reason = run.RejectsByReason, duration_seconds = Math.Round(run.DurationSeconds, 3),
                message = run.Message, trace_id = run.TraceId,
            }));
        }
        else
        {
            Console.WriteLine($"run {run.RunId}: {run.Status} in {run.DurationSeconds:0.0} s");
            Console.WriteLine($"  rows read {run.RowsRead:N0}, accepted {run.RowsAccepted:N0} ({run.RowsFlagged:N0} flagged), rejected {run.RowsRejected:N0}");
            Console.WriteLine($"  added {run.RowsAdded:N0}, changed {run.RowsChanged:N0}, unchanged {run.RowsUnchanged:N0}; participants touched {run.ParticipantsTouched:N0}");
            if (run.RejectsByReason.Count > 0) Console.WriteLine($"  rejects: {string.Join(", ", run.RejectsByReason.Select(kv => $"{kv.Key} {kv.Value:N0}"))}");
            if (run.Message is not null) Console.WriteLine($"  {run.Message}");
        }
        return run.Status == "succeeded" ? 0 : 1;
    }
}
