using System.Text.Json;
using Cohort.Contracts.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Cli.Commands;

/// <summary>`cohort runs`: the ingest run history, or one run in full.</summary>
public static class RunsCommand
{
    public const string Usage = """
        cohort runs [--id RUN_ID] [--last N] [--gateway HOST:PORT] [--json]

          Every ingest run (manual, scheduled, replay): status, trigger, start, rows read / accepted / rejected, duration. With --id,
          one run in full: files with their SHA-256, reject reasons, data-quality checks and their comparison with the previous run,
          trace id. Exit code 1 when --id names no run.
        """;

    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var id = args.String("id");
        var last = args.Number("last", 20);
        var gateway = args.String("gateway");
        var json = args.Flag("json");
        args.EnsureAllUsed();
        using var host = await ClusterConnection.ConnectAsync(gateway, ct);
        var history = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IIngestRunsGrain>(0);
        if (id is not null)
        {
            var run = await history.Get(id);
            await host.StopAsync(CancellationToken.None);
            RunReport.Print(run ?? throw new CliException($"no ingest run '{id}'"), json);
            return 0;
        }
        var runs = await history.List();
        await host.StopAsync(CancellationToken.None);
        var shown = runs.TakeLast(Math.Max(1, last)).ToArray();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(shown.Select(RunReport.Json)));
            return 0;
        }
        Console.WriteLine($"{"run",-32} {"status",-10} {"trigger",-20} {"started (UTC)",-20} {"read",12} {"accepted",12} {"rejected",10} {"seconds",8}");
        foreach (var r in shown)
            Console.WriteLine($"{r.RunId,-32} {r.Status,-10} {(r.Trigger + (r.Schedule is { } s ? $" {s}" : "")),-20} {r.StartedAt:yyyy-MM-dd HH:mm:ss} {r.RowsRead,12:N0} {r.RowsAccepted,12:N0} {r.RowsRejected,10:N0} {r.DurationSeconds,8:0.0}");
        if (shown.Length == 0) Console.WriteLine("(no runs yet)");
        return 0;
    }
}
