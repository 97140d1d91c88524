using System.Diagnostics;
using System.Globalization;
using Cohort.Bench.Probes;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// End-to-end ingest of a generated cohort into a single-node silo in this process (the `--demo` path: read, validate, participant
/// grains, durable SQLite group commits, shards updated and flushed), and in the same run DuckDB loading the same Parquet file into a
/// table. Reports observations per second for both, their ratio, peak memory, and resident memory per participant once participant
/// grains have been collected and the silo has been idle for `--settle-seconds` (60 by default; see <see cref="SettleAsync"/>). The shards compact right after the run (it makes every base due); with `--compact-after-run false`
/// they do not (as a silo stopped within a second of the run's publication leaves the store), so that `scenario restart` measures a
/// restart that replays the shards' logs.
/// </summary>
public static class IngestScenario
{
    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var d = await BenchSilo.DropAsync(o);
        var (participants, observations, rows) = (d.ParticipantCount, d.Observations, d.Rows);
        var order = o.GetValueOrDefault("order", "participant");
        // --writer duckdb: the generator's rows in the generator's order, as DuckDB writes a file (row groups of up to about 125,000
        // rows, its pages and encodings) rather than as the generator does (Parquet.Net: a row group per 10,000 participants, one page
        // a column).
        var writer = o.GetValueOrDefault("writer", order == "time" ? "duckdb" : "generator");
        if (writer is not ("generator" or "duckdb")) throw new ArgumentException($"--writer must be generator or duckdb (got '{writer}')");
        if (order == "time" && writer != "duckdb") throw new ArgumentException("--order time is a file DuckDB wrote (--writer duckdb)");
        if (order == "time") observations = DuckDbCopy(observations, "observations-by-time.parquet", "ORDER BY taken_at, participant_id");
        else if (order != "participant") throw new ArgumentException($"--order must be participant or time (got '{order}')");
        else if (writer == "duckdb") observations = DuckDbCopy(observations, "observations-duckdb-written.parquet", "");
        var visits = int.Parse(o.GetValueOrDefault("visits", "4"), CultureInfo.InvariantCulture);
        var duckSeconds = DuckDbLoad(observations);
        var duckDurableSeconds = DuckDbLoad(observations, Path.Combine(d.Root, "duckdb-load.db"));

        var settings = new Dictionary<string, string?>();
        if (!bool.Parse(o.GetValueOrDefault("compact-after-run", "true"))) settings["Cohort:ShardCompactionMinimum"] = int.MaxValue.ToString(CultureInfo.InvariantCulture);
        // --pseudonymise true: the silo replaces participant ids by keyed pseudonyms as they are read (as a deployment given a key does),
        // so that the store's keys come in no order, whatever the file's.
        if (bool.Parse(o.GetValueOrDefault("pseudonymise", "false")))
        {
            settings["Cohort:Pseudonymisation:Enabled"] = "true";
            settings["Cohort:Pseudonymisation:Key"] = BenchSilo.PseudonymKey;
        }
        using var host = await BenchSilo.StartAsync(Path.Combine(d.Root, "data"), settings: settings.Count == 0 ? null : settings);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var queryDuring = bool.Parse(o.GetValueOrDefault("query-during", "false"));
        if (queryDuring || bool.Parse(o.GetValueOrDefault("warm", "false")))
        {
            // Something published for the queries to read: the first 1,000 participants of the same generator (the run then
            // corrects them, and brings the rest new). Before the baselines, so that the CPU, collections and bytes reported are
            // the run's and its queries'.
            var small = await BenchSilo.DropAsync(new Dictionary<string, string> { ["participants"] = "1000", ["visits"] = $"{visits}" });
            await new IngestRunner(grains).RunAsync(new IngestRequest(small.Participants, [small.Observations]));
        }
        GC.Collect();
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        var baselineHeap = GC.GetTotalMemory(forceFullCollection: true);

        var (pause, gen0, gen1, gen2, cpu) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), Process.GetCurrentProcess().TotalProcessorTime);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var faults = PageFaults.Minor();
        // With --gc-log true: each collection during the run, its generation and reason, and the heap after it.
        using var gcLog = bool.Parse(o.GetValueOrDefault("gc-log", "false")) ? new GcLog() : null;
        // With --alloc-log true: what the run allocated, by type (the types that took the most).
        using var allocLog = bool.Parse(o.GetValueOrDefault("alloc-log", "false")) ? new AllocationLog() : null;
        var clock = Stopwatch.StartNew();
        // The store's background checkpoints (its WAL written back into the file once writes pause): when, and how long each took.
        var checkpoints = new System.Collections.Concurrent.ConcurrentQueue<(double At, double Seconds)>();
        using var checkpointListener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Name == "cohort.storage.checkpoint.duration") l.EnableMeasurementEvents(i); },
        };
        checkpointListener.SetMeasurementEventCallback<double>((_, value, _, _) => checkpoints.Enqueue((clock.Elapsed.TotalSeconds, value)));
        checkpointListener.Start();
        using var stopPolling = new CancellationTokenSource();
        var polling = queryDuring ? PollAsync(grains, stopPolling.Token) : Task.FromResult(new Polled([], []));
        var timeline = new RunTimeline(clock);
        // With --spans: the run's trace spans (run, file, row group), each start and stop at its time into the run.
        var spanLog = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var spans = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Cohort.Ingest",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = a => spanLog.Enqueue($"{clock.Elapsed.TotalSeconds:0.000} start {a.OperationName}"),
            ActivityStopped = a => spanLog.Enqueue($"{clock.Elapsed.TotalSeconds:0.000} stop  {a.OperationName} ({a.Duration.TotalSeconds:0.000} s)"),
        };
        if (o.ContainsKey("spans")) ActivitySource.AddActivityListener(spans);
        // --held-rows-max N: the observations a run not sorted by participant holds back at most before writing them together.
        var heldMax = o.TryGetValue("held-rows-max", out var h) ? long.Parse(h, CultureInfo.InvariantCulture) : (long?)null;
        var run = await new IngestRunner(grains).RunAsync(new IngestRequest(d.Participants, [observations]) { HeldRowsMax = heldMax }, timeline);
        var seconds = clock.Elapsed.TotalSeconds;
        var collections = gcLog?.Lines.ToList() ?? [];
        await stopPolling.CancelAsync();
        var (latencies, failures) = await polling;
        var gc = $"CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s; GC paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.00} s in " +
            $"{GC.CollectionCount(0) - gen0} collections ({GC.CollectionCount(1) - gen1} gen-1, {GC.CollectionCount(2) - gen2} gen-2); " +
            $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e9:0.00} GB; {PageFaults.Minor() - faults:N0} page faults";
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"ingest {participants:N0} participants × {visits} visits: {rows:N0} observations; run {run.Status.Code()}, {run.RowsAccepted:N0} accepted, {run.ParticipantsTouched:N0} participants");
        if (run.Message is { } message) Console.WriteLine($"  run message: {message}");
        Console.WriteLine($"  file: {await LayoutAsync(observations)}");
        Console.WriteLine($"  cohort:  {seconds:0.00} s = {rows / seconds:N0} observations/s");
        Console.WriteLine($"  duckdb:  {duckSeconds:0.00} s = {rows / duckSeconds:N0} rows/s (CREATE TABLE AS SELECT * FROM read_parquet)");
        Console.WriteLine($"  ratio cohort/duckdb time: {seconds / duckSeconds:0.0}×");
        Console.WriteLine($"  duckdb into a database file (durable once the statement returns, as a Cohort run is once published): {duckDurableSeconds:0.00} s; " +
            $"ratio {seconds / duckDurableSeconds:0.0}×");
        Console.WriteLine($"  {timeline.Describe(seconds)}");
        foreach (var s in spanLog) Console.WriteLine("    " + s);
        foreach (var l in collections) Console.WriteLine("    " + l);
        if (allocLog is not null) Console.WriteLine("  allocated, by type (estimated from the runtime's allocation ticks):");
        foreach (var l in allocLog?.Top(30) ?? []) Console.WriteLine("    " + l);
        Console.WriteLine($"  during the run: {gc}; peak working set {peak / 1048576.0:N0} MB");
        Console.WriteLine($"  {await CheckpointsAsync(checkpoints, seconds, clock)}");
        if (latencies.Count > 0)
            Console.WriteLine($"  a dashboard's distribution query during the run, {latencies.Count} in turn: p50 {QueryLatency.P(latencies, 0.5):N0} ms, " +
                $"p95 {QueryLatency.P(latencies, 0.95):N0} ms, max {latencies.Max():N0} ms");
        if (failures.Count > 0)
            Console.WriteLine($"  {failures.Count} of those queries failed; the first: {failures[0]}");

        // Settle: grains an ingest activated are collected (as after their idle limit; an ingest activates no participant grain), the shards
        // with them (their deactivation writes nothing: the run is in their logs and bases), and the silo is left idle while the runtime
        // trims its pools; then a dashboard's overview brings the shards back from their bases, as after a restart, and the heap is what
        // a store that answers holds. If settling outlasts a call's timeout, say so.
        var management = grains.GetGrain<IManagementGrain>(0);
        try
        {
            var activeAfterIngest = await management.GetTotalActivationCount();
            await management.ForceActivationCollection(TimeSpan.Zero);
            await Task.Delay(3000);
            var activeSettled = await management.GetTotalActivationCount();
            var soonHeap = GC.GetTotalMemory(forceFullCollection: true);
            var settleSeconds = double.Parse(o.GetValueOrDefault("settle-seconds", "60"), CultureInfo.InvariantCulture);
            var heaps = await SettleAsync(TimeSpan.FromSeconds(settleSeconds) - TimeSpan.FromSeconds(3));
            var activeIdle = await management.GetTotalActivationCount();
            var overview = await grains.GetGrain<ICohortQueryGrain>(0).Overview();
            var answering = await management.GetTotalActivationCount();
            var settledHeap = GC.GetTotalMemory(forceFullCollection: true);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var settled = Process.GetCurrentProcess().WorkingSet64;
            string PerParticipant(long heap) => ((heap - baselineHeap) / (double)participants).ToString("N0", CultureInfo.InvariantCulture);
            Console.WriteLine($"  participants in shards: {overview.Participants:N0}; activations {activeAfterIngest:N0} after ingest, {activeSettled:N0} once collected, " +
                $"{activeIdle:N0} after {settleSeconds:0} s idle, {answering:N0} once the overview has been answered");
            Console.WriteLine($"  managed heap per participant 3 s after the run: {PerParticipant(soonHeap)} bytes (with the column buffers the Parquet reader " +
                $"returned to the runtime's shared array pools); every 5 s while idle: {string.Join(", ", heaps.Select(PerParticipant))}");
            Console.WriteLine($"  once settled (idle {settleSeconds:0} s, then a dashboard's overview answered from the shards' bases): managed heap " +
                $"{PerParticipant(settledHeap)} bytes per participant; working set {(settled - baseline) / (double)participants:N0} bytes per participant");
        }
        catch (TimeoutException e)
        {
            Console.WriteLine($"  settling did not finish: {e.Message[..Math.Min(160, e.Message.Length)]}");
        }
        if (o.TryGetValue("hold-seconds", out var hold))
        {
            // Time to take a heap dump of the settled silo (dotnet-gcdump collect -p PID).
            Console.WriteLine($"  holding the settled silo for {hold} s: process {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold, CultureInfo.InvariantCulture)));
        }
        await host.StopAsync();
        return 0;
    }

    /// <summary>
    /// The store's WAL written back into its file after the run (it is durable in the WAL when the run returns; the checkpoint is
    /// maintenance done once writes pause): checkpoints during the run, and the first to finish after it, waited for up to a minute.
    /// </summary>
    private static async Task<string> CheckpointsAsync(System.Collections.Concurrent.ConcurrentQueue<(double At, double Seconds)> checkpoints, double runEnd, Stopwatch clock)
    {
        var during = checkpoints.Where(c => c.At <= runEnd).ToArray();
        while (!checkpoints.Any(c => c.At > runEnd) && clock.Elapsed.TotalSeconds < runEnd + 60) await Task.Delay(50);
        var after = checkpoints.FirstOrDefault(c => c.At > runEnd);
        return $"store checkpoints (WAL written back in the background): {during.Length} during the run ({during.Sum(c => c.Seconds):0.00} s); " +
            (after.At > 0 ? $"the first after it done {after.At - runEnd:0.00} s after the run, taking {after.Seconds:0.00} s" : "none within a minute after the run");
    }

    /// <summary>
    /// The managed heap after the silo has been idle for <paramref name="idle"/>, with a full collection every five seconds. The runtime's
    /// shared array pools keep the large arrays returned to them (the Parquet reader rents every column of a row group there: 1M-element
    /// arrays, about 180–260 MB in all after a 100k run, whatever the cohort's size) until a full collection finds them unused for a
    /// while: on this machine 15–25 s after the run. The figure this scenario printed before 4 December 2026, three seconds after the
    /// run, counted those pools (and no shard, collected by then) and went from 1.45 to 2.67 KB per participant at 100k from run to
    /// run; with the pools trimmed the same silo holds about 0.1 KB per participant, and 0.9 KB once the shards answer again.
    /// </summary>
    private static async Task<List<long>> SettleAsync(TimeSpan idle)
    {
        var clock = Stopwatch.StartNew();
        var heaps = new List<long>();
        while (clock.Elapsed < idle)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, Math.Max(0, (idle - clock.Elapsed).TotalSeconds))));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            heaps.Add(GC.GetTotalMemory(forceFullCollection: true));
        }
        return heaps;
    }

    /// <summary>
    /// With --query-during true: a dashboard's filtered distribution asked again and again while the run writes (each answered before
    /// the next is asked): the latencies in milliseconds of all of them, and the errors of those that failed (counted, not thrown, so
    /// that one failure does not lose the run's report).
    /// </summary>
    private static async Task<Polled> PollAsync(IGrainFactory grains, CancellationToken stop)
    {
        var query = grains.GetGrain<ICohortQueryGrain>(0);
        var distribution = new CohortQuery(new CohortFilter(Sex: ["F"], AgeBand: ["40-49", "50-59"]), VisitChoice.Baseline, Dimension.Site, 2.5);
        var polled = new Polled([], []);
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await query.Distribution(distribution, "homa_ir");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                polled.Failures.Add($"{e.GetType().Name}: {e.Message[..Math.Min(160, e.Message.Length)]}");
            }
            polled.Latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return polled;
    }

    private sealed record Polled(List<double> Latencies, List<string> Failures);

    /// <summary>
    /// The generator's observations rewritten by DuckDB (<c>COPY … TO … (FORMAT parquet)</c>, its own row groups, pages and encodings)
    /// in the order <paramref name="orderBy"/> gives (empty: the generator's, DuckDB keeping insertion order), made once beside the
    /// generator's file. Sorted by sample time, they are as a laboratory system exports them: a participant's visits lie in different
    /// row groups, years apart.
    /// </summary>
    private static string DuckDbCopy(string observations, string name, string orderBy)
    {
        var copy = Path.Combine(Path.GetDirectoryName(observations)!, name);
        if (File.Exists(copy)) return copy;
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_parquet('{observations}') {orderBy}) TO '{copy}.part' (FORMAT parquet)";
        command.ExecuteNonQuery();
        File.Move(copy + ".part", copy);
        return copy;
    }

    /// <summary>What the file is made of, as its footer says: its row groups, their rows, and the program that wrote it.</summary>
    private static async Task<string> LayoutAsync(string file)
    {
        await using var reader = await Parquet.ParquetReader.CreateAsync(file);
        var rows = reader.RowGroups.Select(g => g.RowCount).ToArray();
        return $"{Path.GetFileName(file)}, {rows.Length:N0} row groups of {rows.Min():N0}–{rows.Max():N0} rows, written by {reader.Metadata?.CreatedBy ?? "an unnamed writer"}";
    }

    /// <summary>
    /// DuckDB's load of the file, timed: into memory (the comparison the write path's target names), or with <paramref name="database"/>
    /// into that database file, made afresh (the statement commits, and DuckDB's commit is durable).
    /// </summary>
    private static double DuckDbLoad(string file, string? database = null)
    {
        if (database is not null)
            foreach (var f in new[] { database, database + ".wal" })
                File.Delete(f);
        using var connection = new DuckDBConnection($"Data Source={database ?? ":memory:"}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE observations AS SELECT * FROM read_parquet('{file}')";
        var clock = Stopwatch.StartNew();
        command.ExecuteNonQuery();
        return clock.Elapsed.TotalSeconds;
    }

}
