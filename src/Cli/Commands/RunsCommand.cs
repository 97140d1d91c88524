using System.CommandLine;
using Cohort.Cli.Terminal;
using Cohort.Contracts;
using Cohort.Contracts.Ingest;

namespace Cohort.Cli.Commands;

/// <summary>`cohort runs`: the ingest run history, or one run in full.</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var id = new Option<string?>("--id") { Description = "show this run in full", HelpName = "RUN_ID" };
        var last = CliOptions.Count("--last", 20, "how many of the latest runs to list");
        var before = new Option<string?>("--before") { Description = "list the runs recorded before this one (the page before a listing's first run)", HelpName = "RUN_ID" };
        var gateway = CliOptions.Gateway();
        var json = CliOptions.Json();
        var command = new Command("runs", """
            Every ingest run (manual, scheduled, replay): status, trigger, start, rows read / accepted / rejected, duration. With --id,
            one run in full: files with their SHA-256, reject reasons, data-quality checks and their comparison with the previous run,
            trace id. Exit code 1 when --id or --before names no run. Needs the engineer role.
            """) { id, last, before, gateway, json };
        command.SetAction(async (parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            if (parse.GetValue(id) is { } runId)
            {
                var run = await ClusterConnection.UseAsync(parse.GetValue(gateway), grains => grains.GetGrain<IIngestRunsGrain>(0).Get(runId), ct);
                RunReport.Print(run ?? throw new CliException($"no ingest run '{runId}'"), asJson);
                return 0;
            }
            var earlierThan = parse.GetValue(before);
            var newest = await ClusterConnection.UseAsync(parse.GetValue(gateway), grains => grains.GetGrain<IIngestRunsGrain>(0).Newest(parse.GetValue(last), earlierThan), ct);
            var shown = (newest ?? throw new CliException($"no ingest run '{earlierThan}'")).Reverse().ToArray();
            if (asJson)
            {
                Console.WriteLine(CohortJson.Serialize(shown.Select(RunReport.Json)));
                return 0;
            }
            Console.WriteLine($"{"run",-32} {"status",-10} {"trigger",-20} {"started (UTC)",-20} {"read",12} {"accepted",12} {"rejected",10} {"seconds",8}");
            foreach (var r in shown)
                Console.WriteLine($"{r.RunId,-32} {r.Status.Code(),-10} {(r.Trigger.Code() + (r.Schedule is { } s ? $" {s}" : "")),-20} {r.StartedAt:yyyy-MM-dd HH:mm:ss} {r.RowsRead,12:N0} {r.RowsAccepted,12:N0} {r.RowsRejected,10:N0} {r.DurationSeconds,8:0.0}");
            if (shown.Length == 0) Console.WriteLine("(no runs yet)");
            return 0;
        });
        return command;
    }
}
