using Cohort.Contracts.Ingest;
using Cohort.Ingest.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Cli.Commands;

/// <summary>`cohort quarantine`: a run's rejected rows as CSV or Parquet, and their replay once the cause is fixed.</summary>
public static class QuarantineCommand
{
    public const string Usage = """
        cohort quarantine --run RUN_ID [--format csv|parquet] [--out FILE] [--gateway HOST:PORT]
        cohort quarantine replay --run RUN_ID [--mapping NAME|FILE] [--participants FILE] [--threshold SHARE] [--gateway HOST:PORT] [--json]

          The quarantine holds every rejected row with its file, row group, row, reason code, message and raw values. Without --out the
          CSV goes to standard output. `replay` validates those rows again (with a mapping that now knows a site's marker code or unit,
          or a participants file that now lists the participant) and ingests the rows that pass, as a new run.
        """;

    public static async Task<int> RunAsync(Arguments args, string? verb, CancellationToken ct)
    {
        if (verb is not (null or "replay")) throw new UsageException($"quarantine takes --run RUN_ID, or replay (got '{verb}')");
        var runId = args.RequiredString("run");
        if (verb is null)
        {
            var format = args.String("format") ?? "csv";
            if (format is not ("csv" or "parquet")) throw new UsageException($"--format must be csv or parquet (got '{format}')");
            var output = args.String("out");
            if (format == "parquet" && output is null) throw new UsageException("--format parquet needs --out FILE");
            var gateway = args.String("gateway");
            args.EnsureAllUsed();
            using var host = await ClusterConnection.ConnectAsync(gateway, ct);
            var rows = await Rows(host.Services.GetRequiredService<IGrainFactory>(), runId);
            await host.StopAsync(CancellationToken.None);
            if (format == "parquet") await QuarantineExport.WriteParquetAsync(runId, rows, output!, ct);
            else if (output is not null) await File.WriteAllTextAsync(output, QuarantineExport.ToCsv(runId, rows), ct);
            else Console.Write(QuarantineExport.ToCsv(runId, rows));
            if (output is not null) Console.Error.WriteLine($"{rows.Count:N0} quarantined rows of {runId} written to {output}");
            return 0;
        }
        else
        {
            var mapping = args.String("mapping");
            var participants = args.String("participants");
            var threshold = args.Number("threshold", 1.0);
            var gateway = args.String("gateway");
            var json = args.Flag("json");
            args.EnsureAllUsed();
            using var host = await ClusterConnection.ConnectAsync(gateway, ct);
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var rows = await Rows(grains, runId);
            var run = await new IngestRunner(grains).RunAsync(new IngestRequest(participants, [])
            {
                Mapping = mapping, RejectThreshold = threshold, Trigger = RunTriggers.Replay, ReplayOf = runId, ReplayRows = rows,
            }, ct: ct);
            await host.StopAsync(CancellationToken.None);
            RunReport.Print(run, json);
            return run.Status == RunStatuses.Succeeded ? 0 : 1;
        }
    }

    private static async Task<IReadOnlyList<QuarantinedRow>> Rows(IGrainFactory grains, string runId)
    {
        if (await grains.GetGrain<IIngestRunsGrain>(0).Get(runId) is null) throw new CliException($"no ingest run '{runId}'");
        return await grains.GetGrain<IIngestRunsGrain>(0).Quarantine(runId);
    }
}
