using System.Diagnostics;
using System.Globalization;
using Cohort.Contracts.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// A restart with nothing re-ingested: a silo started on the store `scenario ingest` left (run that first, with the same
/// --participants), then the time from the silo being up (the host started, the silo healthy) to its first dashboard answers — the
/// overview, then a filtered distribution — R times (--repeat, default 3), each on a freshly started silo, which flushes its shards
/// before it stops (as the shards' five-minute timer would have).
/// </summary>
public static class RestartScenario
{
    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var d = await BenchSilo.DropAsync(o);
        var data = Path.Combine(d.Root, "data");
        if (!File.Exists(Path.Combine(data, "cohort.db")))
        {
            Console.Error.WriteLine($"no store at {data}: run `scenario ingest --participants {d.ParticipantCount}` first");
            return 2;
        }
        var repeat = int.Parse(o.GetValueOrDefault("repeat", "3"), CultureInfo.InvariantCulture);
        var query = new CohortQuery(new CohortFilter(Sex: ["F"], AgeBand: ["40-49", "50-59"]), VisitChoice.Baseline, Dimension.Site, 2.5);
        for (var i = 0; i < repeat; i++)
        {
            var start = Stopwatch.StartNew();
            using var host = await BenchSilo.StartAsync(data, keep: true);
            var up = start.Elapsed.TotalSeconds;
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var clock = Stopwatch.StartNew();
            var overview = await grains.GetGrain<ICohortQueryGrain>(0).Overview();
            var first = clock.Elapsed.TotalSeconds;
            var distribution = await grains.GetGrain<ICohortQueryGrain>(0).Distribution(query, "homa_ir");
            var second = clock.Elapsed.TotalSeconds;
            GC.Collect();
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  restart {i + 1}: silo up in {up:0.0} s; then the overview in {first:0.00} s ({overview.Participants:N0} participants), a distribution by {second:0.00} s " +
                $"(n = {distribution.Total.N:N0}); managed heap {heap / (double)overview.Participants:N0} bytes per participant"));
            // As a silo that ran past its shards' five-minute flush would have left the store: every shard persisted, nothing staged.
            var flush = Stopwatch.StartNew();
            await grains.GetGrain<ICohortQueryGrain>(0).FlushShards();
            Console.WriteLine($"  shards flushed in {flush.Elapsed.TotalSeconds:0.0} s");
            await host.StopAsync();
        }
        return 0;
    }
}
