using System.CommandLine;
using Cohort.Cli.Terminal;
using Cohort.Contracts.Ingest;
using Cohort.Ingest.Ingestion;

namespace Cohort.Cli.Commands;

/// <summary>`cohort quarantine`: a run's rejected rows as CSV or Parquet, and their replay once the cause is fixed.</summary>
public static class QuarantineCommand
{
    public static Command Create()
    {
        var run = RunOption();
        var format = CliOptions.Choice("--format", "csv", "csv or parquet (parquet needs --out)", "csv", "parquet");
        var output = new Option<string?>("--out") { Description = "the file to write (default: the CSV to standard output)", HelpName = "FILE" };
        var gateway = CliOptions.Gateway();
        var command = new Command("quarantine", """
            A run's rejected rows: every one with its file, row group, row, reason code, message and raw values. `replay` validates them
            again and ingests those that pass, as a new run. Exit code 1 when the run does not exist. Needs the engineer role.
            """) { run, format, output, gateway, Replay() };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(format) == "parquet" && parse.GetValue(output) is null) throw new UsageException("--format parquet needs --out FILE");
            var runId = parse.GetValue(run)!;
            var file = parse.GetValue(output);
            var rows = await ClusterConnection.UseAsync(parse.GetValue(gateway), grains => Rows(grains, runId), ct);
            if (parse.GetValue(format) == "parquet") await QuarantineExport.WriteParquetAsync(runId, rows, file!, ct);
            else if (file is not null) await File.WriteAllTextAsync(file, QuarantineExport.ToCsv(runId, rows), ct);
            else Console.Write(QuarantineExport.ToCsv(runId, rows));
            if (file is not null) Console.Error.WriteLine($"{rows.Count:N0} quarantined rows of {runId} written to {file}");
            return 0;
        });
        return command;
    }

    private static Option<string> RunOption() => CliOptions.Required("--run", "the ingest run whose rejected rows to use", "RUN_ID");

    private static Command Replay()
    {
        var run = RunOption();
        var mapping = new Option<string?>("--mapping") { Description = "a mapping that now knows a site's marker code or unit", HelpName = "NAME|FILE" };
        var participants = new Option<string?>("--participants") { Description = "a participants file that now lists the participant", HelpName = "FILE" };
        var threshold = CliOptions.Share("--threshold", 1.0, "the share of rows still rejected above which nothing is written");
        var gateway = CliOptions.Gateway();
        var json = CliOptions.Json();
        var command = new Command("replay", """
            Validates a run's quarantined rows again (with a mapping or participants file that fixes their cause) and ingests the rows
            that pass, as a new run. Exit code 0 when that run succeeds.
            """) { run, mapping, participants, threshold, gateway, json };
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(run)!;
            var result = await ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
                await new IngestRunner(grains).RunAsync(new IngestRequest(parse.GetValue(participants), [])
                {
                    Mapping = parse.GetValue(mapping), RejectThreshold = parse.GetValue(threshold), Trigger = RunTrigger.Replay, ReplayOf = runId,
                    ReplayRows = await Rows(grains, runId),
                }, ct: ct), ct);
            RunReport.Print(result, parse.GetValue(json));
            return result.Status == RunStatus.Succeeded ? 0 : 1;
        });
        return command;
    }

    private static async Task<IReadOnlyList<QuarantinedRow>> Rows(IGrainFactory grains, string runId)
    {
        if (await grains.GetGrain<IIngestRunsGrain>(0).Get(runId) is null) throw new CliException($"no ingest run '{runId}'");
        return await grains.GetGrain<IIngestRunsGrain>(0).Quarantine(runId);
    }
}
