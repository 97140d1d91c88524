using System.Diagnostics;
using Cohort.Bench.Probes;
using Cohort.Contracts.Participants;
using Cohort.Domain.Units;
using Cohort.Grains.Participants;
using Cohort.Ingest.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// Where ingest time goes: the same generated drop read only; read and validated; read, validated and grouped into participant
/// batches; ingested into grains over an in-memory probe store (no durability); and ingested end to end into SQLite. With
/// `--phase floor`: the Orleans floor on this machine, i.e. pre-built batches sent to a grain that only activates with persistent state
/// (and optionally writes it), then the same batches sent to the real participant grains. With `--phase segments`: the write path
/// issue 22 sketches, without Orleans — read and validate once, derive every participant with the grains' own derivation, and append
/// one columnar segment per shard per row group to a file of that shard's, made durable (fsync) before a one-line commit record is.
/// </summary>
public static class IngestPhasesScenario
{
    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var d = await BenchSilo.DropAsync(o);
        var (root, observations, people) = (d.Root, d.Observations, d.Participants);
        var only = o.GetValueOrDefault("phase");

        if (only is null or "read") Report("read", await Time(() => ReadAsync(observations, people, validate: false, group: false)));
        if (only is null or "validate") Report("read+validate", await Time(() => ReadAsync(observations, people, validate: true, group: false)));
        if (only is null or "batches") Report("read+validate+batches", await Time(() => ReadAsync(observations, people, validate: true, group: true)));
        if (only is "floor") Report("floor, no write", await Time(() => FloorAsync(root, people, observations, write: false)));
        if (only is "floor") Report("floor, memory write", await Time(() => FloorAsync(root, people, observations, write: true)));
        if (only is "floor") Report("participant grains", await Time(() => FloorAsync(root, people, observations, write: true, real: true)));
        if (only is null or "memory") Report("grains, memory store", await Time(() => GrainsAsync(root, people, observations, memory: true)));
        if (only is null or "sqlite") Report("grains, SQLite store", await Time(() => GrainsAsync(root, people, observations, memory: false)));
        if (only is "segments") Report("derive, no write", await Time(() => SegmentsAsync(root, people, observations, write: false)));
        if (only is "segments") Report("derive + segments", await Time(() => SegmentsAsync(root, people, observations, write: true)));
        if (only is "segments") Report("segments via 16 shard grains", await Time(() => ShardGrainsAsync(root, people, observations)));
        if (only is "segments") Console.WriteLine($"  ({d.Rows:N0} observations; divide for observations/s)");
        return 0;

        void Report(string phase, double seconds) => Console.WriteLine($"  {phase,-24} {seconds,6:0.00} s wall");
    }

    private static async Task<double> Time(Func<Task<double>> f)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gen2 = GC.CollectionCount(2);
        var seconds = await f();
        Console.Write($"  [cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.00} s, allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:N0} MB, gen2 GCs {GC.CollectionCount(2) - gen2}]");
        return seconds;
    }

    private static async Task<double> ReadAsync(string observations, string people, bool validate, bool group)
    {
        var clock = Stopwatch.StartNew();
        var demographics = await ParticipantsReader.ReadAsync(people);
        var validator = new ObservationValidator(demographics!, new UnitConverter(ConversionFactors.Default));
        await using var reader = await LongLayoutReader.OpenAsync(observations);
        long firstRow = 0, batches = 0;
        var accepted = new List<AcceptedRow>();
        for (var g = 0; g < reader.RowGroups; g++)
        {
            var block = await reader.ReadAsync(g, firstRow);
            firstRow += block.Count;
            accepted.Clear();
            if (validate) validator.Validate(block, accepted, []);
            if (group) batches += ParticipantBatches.Build(accepted, "run", new FactorsUsed(18, 6), demographics!).Count;
            block.Return();
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> FloorAsync(string root, string people, string observations, bool write, bool real = false)
    {
        var batches = new List<(string, ParticipantBatch)>();
        var demographics = await ParticipantsReader.ReadAsync(people);
        var validator = new ObservationValidator(demographics!, new UnitConverter(ConversionFactors.Default));
        await using (var reader = await LongLayoutReader.OpenAsync(observations))
        {
            var block = await reader.ReadAsync(0, 0);
            var accepted = new List<AcceptedRow>(block.Count);
            validator.Validate(block, accepted, []);
            batches.AddRange(ParticipantBatches.Build(accepted, "run", new FactorsUsed(18, 6), demographics!));
            block.Return();
        }
        using var host = await BenchSilo.StartAsync(Path.Combine(root, "phases-data"), memoryStore: true);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 128).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
                if (real) await grains.GetGrain<IParticipantGrain>(batches[i].Item1).Merge(batches[i].Item2);
                else await grains.GetGrain<IFloorGrain>(batches[i].Item1).Take(batches[i].Item2, write);
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        await host.StopAsync();
        return seconds;
    }

    /// <summary>
    /// The sketched write path as one process: each row group read and validated once, split into participant batches, each participant
    /// derived (visits, indices, categories, phases and the shard summary: <see cref="ParticipantDerivation"/>, as a participant grain
    /// does), and with <paramref name="write"/> each shard's rows of the row group appended as one segment (columns one after another)
    /// to the shard's file and fsynced, then a commit record. Derivation runs on every core; 16 shards.
    /// </summary>
    private static async Task<double> SegmentsAsync(string root, string people, string observations, bool write)
    {
        var folder = SegmentProbe.FreshFolder(root, "segments");
        var clock = Stopwatch.StartNew();
        var files = Enumerable.Range(0, SegmentProbe.Shards)
            .Select(s => new FileStream(Path.Combine(folder, $"shard-{s}.seg"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16)).ToArray();
        long visits = 0;
        try
        {
            await foreach (var (byShard, markers) in SegmentProbe.RowGroupsAsync(people, observations))
                Parallel.ForEach(byShard, shard =>
                {
                    var segment = new MemoryStream();
                    var w = new BinaryWriter(segment);
                    foreach (var (id, batch) in shard)
                    {
                        Interlocked.Add(ref visits, SegmentProbe.Derive(id, batch, markers));
                        if (write) SegmentProbe.Write(w, id, batch.Observations);
                    }
                    if (!write) return;
                    w.Flush();
                    var file = files[shard.Key];
                    file.Write(segment.GetBuffer(), 0, (int)segment.Length);
                    file.Flush(flushToDisk: true);
                });
            if (write) await SegmentProbe.CommitAsync(folder);
        }
        finally
        {
            foreach (var f in files) await f.DisposeAsync();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.Write($"  [{visits:N0} visits derived]");
        return seconds;
    }

    /// <summary>
    /// The same through Orleans: each row group's participants split by shard and sent to 16 probe shard grains in one call each
    /// (<see cref="ISegmentShardGrain"/>), which derive and append; the next row group is read and validated while they work.
    /// </summary>
    private static async Task<double> ShardGrainsAsync(string root, string people, string observations)
    {
        var folder = SegmentProbe.FreshFolder(root, "segments-grains");
        using var host = await BenchSilo.StartAsync(Path.Combine(root, "phases-data"), memoryStore: true);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var clock = Stopwatch.StartNew();
        long visits = 0;
        var previous = Task.CompletedTask;
        await foreach (var (byShard, _) in SegmentProbe.RowGroupsAsync(people, observations))
        {
            await previous;
            previous = Task.WhenAll(byShard.Select(async s => Interlocked.Add(ref visits,
                await grains.GetGrain<ISegmentShardGrain>(s.Key).Append(folder, s.ToList()))));
        }
        await previous;
        await SegmentProbe.CommitAsync(folder);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.Write($"  [{visits:N0} visits derived]");
        await host.StopAsync();
        return seconds;
    }

    private static async Task<double> GrainsAsync(string root, string people, string observations, bool memory)
    {
        using var host = await BenchSilo.StartAsync(Path.Combine(root, "phases-data"), memory);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var clock = Stopwatch.StartNew();
        await new IngestRunner(grains).RunAsync(new IngestRequest(people, [observations]));
        var seconds = clock.Elapsed.TotalSeconds;
        await host.StopAsync();
        return seconds;
    }
}
