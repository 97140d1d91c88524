using System.Diagnostics;
using System.Globalization;
using Cohort.Contracts.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// A restart with nothing re-ingested: a silo started on the store `scenario ingest` left (run that first, with the same
/// --participants), then the time from the silo being up (the host started, the silo healthy) to its first dashboard answers — the
/// overview, then a filtered distribution — R times (--repeat, default 3), each on a freshly started silo. The first finds the store
/// as the ingest left it: bases written (shards compact right after a large run), or with `scenario ingest --compact-after-run false`
/// only their logs, to replay (as when a silo stops within a second of a run's publication); each silo then compacts its shards
/// before it stops (as their periodic check would have), so the later ones load bases only.
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
            await using (var store = new Cohort.Grains.Storage.SqliteStateStore(Path.Combine(data, "cohort.db")))
            {
                await store.InitializeAsync(CancellationToken.None);
                Console.WriteLine($"  store before restart {i + 1}: {await store.CountAsync("cohortshard/shard", CancellationToken.None)} shard bases, " +
                    $"{await store.CountAsync("cohortshard/segment", CancellationToken.None):N0} log segments");
            }
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
            // As a silo that ran past its shards' 30-second check would have left the store: every base written, the log empty.
            var flush = Stopwatch.StartNew();
            await grains.GetGrain<ICohortQueryGrain>(0).FlushShards();
            Console.WriteLine($"  shards compacted in {flush.Elapsed.TotalSeconds:0.0} s");
            await host.StopAsync();
        }
        return 0;
    }
}
