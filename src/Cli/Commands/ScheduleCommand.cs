using System.Text.Json;
using Cohort.Contracts.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Cli.Commands;

/// <summary>`cohort schedule add|list|remove`: scheduled ingests, run by the silo.</summary>
public static class ScheduleCommand
{
    public const string Usage = """
        cohort schedule add --name NAME --cron "0 2 * * *" --path "/drops/site-a/*.parquet" [--participants FILE|PATTERN]
                            [--layout long|wide] [--mapping NAME|FILE] [--threshold SHARE] [--timezone ZONE] [--gateway HOST:PORT]
        cohort schedule list [--gateway HOST:PORT] [--json]
        cohort schedule remove --name NAME [--gateway HOST:PORT]

          The silo runs a schedule at each cron tick (5 fields, in --timezone, default UTC) over the files matching --path that it
          has not ingested before with the same content; after downtime it runs once for the missed window. Paths are read by the
          silo and must lie under its ingest roots (Cohort:Ingest:Roots).
        """;

    public static async Task<int> RunAsync(Arguments args, string? verb, CancellationToken ct)
    {
        switch (verb)
        {
            case "add":
            {
                var d = new ScheduleDefinition(args.RequiredString("name"), args.RequiredString("cron"), args.RequiredString("path"),
                    args.String("participants"), args.String("layout") ?? "long", args.String("mapping"), args.Number("threshold", 0.01),
                    args.String("timezone") ?? "UTC");
                var gateway = args.String("gateway");
                args.EnsureAllUsed();
                return await WithSchedules(gateway, ct, async s =>
                {
                    var view = await Call(() => s.Add(d));
                    Console.WriteLine($"schedule {view.Definition.Name} added: next run {view.NextRunAt:yyyy-MM-dd HH:mm} UTC");
                    return 0;
                });
            }
            case "list":
            {
                var gateway = args.String("gateway");
                var json = args.Flag("json");
                args.EnsureAllUsed();
                return await WithSchedules(gateway, ct, async s =>
                {
                    var list = await s.List();
                    if (json) Console.WriteLine(JsonSerializer.Serialize(list));
                    else if (list.Count == 0) Console.WriteLine("(no schedules)");
                    else
                        foreach (var v in list)
                            Console.WriteLine($"{v.Definition.Name}: \"{v.Definition.Cron}\" {v.Definition.TimeZone} {v.Definition.Path} ({v.Definition.Layout}); " +
                                $"next {v.NextRunAt:yyyy-MM-dd HH:mm} UTC; last {(v.LastRunId is { Length: > 0 } r ? r : "-")} {v.LastStatus ?? "never run"}; {v.FilesIngested} files ingested");
                    return 0;
                });
            }
            case "remove":
            {
                var name = args.RequiredString("name");
                var gateway = args.String("gateway");
                args.EnsureAllUsed();
                return await WithSchedules(gateway, ct, async s =>
                {
                    if (!await s.Remove(name)) throw new CliException($"no schedule named '{name}'");
                    Console.WriteLine($"schedule {name} removed");
                    return 0;
                });
            }
            default:
                throw new UsageException($"schedule needs add, list or remove (got '{verb}')");
        }
    }

    private static async Task<T> Call<T>(Func<Task<T>> f)
    {
        try { return await f(); }
        catch (ScheduleException e) { throw new CliException(e.Message); }
    }

    private static async Task<int> WithSchedules(string? gateway, CancellationToken ct, Func<ISchedulesGrain, Task<int>> f)
    {
        using var host = await ClusterConnection.ConnectAsync(gateway, ct);
        try { return await f(host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISchedulesGrain>(0)); }
        finally { await host.StopAsync(CancellationToken.None); }
    }
}
