using System.CommandLine;
using System.Diagnostics;
using Cohort.Contracts.Queries;

namespace Cohort.Cli.Commands;

/// <summary>`cohort shards flush`: every shard's base written and its log trimmed now, as before a planned stop of the silos.</summary>
public static class ShardsCommand
{
    public static Command Create()
    {
        var gateway = CliOptions.Gateway();
        var flush = new Command("flush", """
            Makes every shard settle its participants' states, write its base if its log holds runs the base lacks, and delete the
            log segments no restart needs; returns when all of them are done (minutes at a million participants). Shards do this on
            their own soon after a run; a silo stopped before then replays the logs when it starts, which at a million participants
            takes longer than starting from bases. Run it before a planned stop. Needs the engineer role.
            """) { gateway };
        flush.SetAction(async (parse, ct) =>
        {
            var clock = Stopwatch.StartNew();
            await ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
            {
                await grains.GetGrain<ICohortQueryGrain>(0).FlushShards().WaitAsync(ct);
                return 0;
            }, ct);
            Console.WriteLine($"flushed every shard in {clock.Elapsed.TotalSeconds:0.0} s: bases written, logs trimmed, changes settled");
            return 0;
        });
        return new Command("shards", "The cohort shards' stored state.") { flush };
    }
}
