using Cohort.Contracts.Ingest;
using Cohort.Contracts.Queries;
using Cohort.Grains.Storage;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;

namespace Cohort.Grains.Tests;

/// <summary>
/// A store that fills up in the middle of a run, for real: SQLite refuses to grow the file past its cap (Cohort:SqliteMaxMegabytes),
/// as it refuses on a full disk ("database or disk is full").
/// </summary>
public sealed class FullStoreTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-full-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<(string People, string Observations, long Participants)> DropAsync(string name, int participants, int visits)
    {
        var dir = Path.Combine(_dir, name);
        var manifest = await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = participants, Visits = visits, Seed = 31, ChunkSize = 500 }, dir);
        return (Path.Combine(dir, "participants.parquet"), Path.Combine(dir, "observations.parquet"), manifest.Participants);
    }

    [Fact]
    public async Task A_store_that_fills_up_during_a_run_fails_it_as_one_to_fix_publishes_nothing_and_keeps_what_it_held()
    {
        var small = await DropAsync("small", 100, 2);
        var large = await DropAsync("large", 3000, 4);
        var store = Path.Combine(_dir, "store");
        long held;
        await using (var first = await CohortCluster.StartAsync(silos: 1, directory: store))
        {
            first.KeepDirectory = true;
            Assert.Equal(RunStatus.Succeeded, (await new IngestRunner(first.Grains).RunAsync(new IngestRequest(small.People, [small.Observations]))).Status);
            held = (await first.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants;
            Assert.Equal(small.Participants, held);
        }
        var wal = new FileInfo(Path.Combine(store, "cohort.db-wal"));
        var size = new FileInfo(Path.Combine(store, "cohort.db")).Length + (wal.Exists ? wal.Length : 0);

        // Room for a few megabytes more: the large drop (3,000 participants × 4 visits) needs several times that.
        var cap = (size >> 20) + 3;
        RunSummary failed;
        await using (var capped = await CohortCluster.StartAsync(silos: 1, directory: store,
            settings: new Dictionary<string, string?> { ["Cohort:SqliteMaxMegabytes"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            capped.KeepDirectory = true;
            failed = await new IngestRunner(capped.Grains).RunAsync(new IngestRequest(large.People, [large.Observations]));
            Assert.Equal(RunStatus.Failed, failed.Status);
            Assert.Contains("the store failed during the run (SQLite ", failed.Message);
            Assert.Contains("database or disk is full", failed.Message);
            Assert.Contains("nothing of it was published — fix the store and run the ingest again", failed.Message);
            // The history keeps the failure as the runner saw it (the run's abandoning freed what it had staged), and counts nothing
            // as added: nothing was.
            var recorded = await capped.Grains.GetGrain<IIngestRunsGrain>(0).Get(failed.RunId);
            Assert.Equal(RunStatus.Failed, recorded!.Status);
            Assert.Equal(failed.Message, recorded.Message);
            Assert.Equal((0, 0, 0, 0), (recorded.RowsAdded, recorded.RowsChanged, recorded.RowsUnchanged, recorded.ParticipantsTouched));
            Assert.True(recorded.RowsRead > 0);
            Assert.Equal(held, (await capped.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants);
            Assert.Equal(RunCommitState.Abandoned, (await capped.Grains.GetGrain<IIngestRunsGrain>(0).Decision(failed.RunId))!.State);
        }

        await using var roomy = await CohortCluster.StartAsync(silos: 1, directory: store);
        Assert.Equal(held, (await roomy.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants);
        var again = await new IngestRunner(roomy.Grains).RunAsync(new IngestRequest(large.People, [large.Observations]));
        Assert.Equal(RunStatus.Succeeded, again.Status);
        Assert.Equal(large.Participants, (await roomy.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants);
    }

    /// <summary>
    /// The cap is the store's whole footprint on disk, its WAL and the WAL's index included. SQLite's page cap counts the file's pages only, and the WAL keeps
    /// a copy of every page committed since the last checkpoint: a store rewritten without a pause (states rewritten run after run) kept
    /// its file under a 16 MB cap while its WAL grew to 241 MB (this test, before 5 December 2026), as far as the background checkpoint's
    /// 512 MB or the writer's 1 GB bound.
    /// </summary>
    [Fact]
    public async Task A_capped_store_keeps_its_file_its_WAL_and_the_WALs_index_together_within_the_cap()
    {
        const long cap = 16L << 20;
        var path = Path.Combine(_dir, "capped", "cohort.db");
        await using var store = new SqliteStateStore(path, maxBytes: cap);
        await store.InitializeAsync(CancellationToken.None);
        // 40 states of 100 KB rewritten 60 times over with new contents (SQLite writes no page whose bytes are unchanged), one
        // transaction a round, as fast as they go: 240 MB through the WAL.
        var data = new byte[100_000];
        var random = new Random(7);
        var versions = new long[40];
        long largest = 0, largestWal = 0;
        for (var round = 0; round < 60; round++)
        {
            random.NextBytes(data);
            var writes = versions.Select((v, k) => new StateWrite("state", $"k{k}", round == 0 ? null : v, v + 1, data)).ToArray();
            Assert.All(await store.ApplyAsync(writes, CancellationToken.None), Assert.True);
            for (var k = 0; k < versions.Length; k++) versions[k]++;
            largest = Math.Max(largest, OnDisk(path));
            largestWal = Math.Max(largestWal, new FileInfo(path + "-wal").Length);
        }
        Assert.True(largest <= cap, $"the store took {largest:N0} bytes on disk (file, WAL and index) under a cap of {cap:N0}");
        // SQLite's own index is no larger than the share reckons for the largest WAL it indexed.
        var index = new FileInfo(path + "-shm").Length;
        Assert.InRange(index, 1, SqliteSpace.IndexBytes(largestWal, 16L << 10));
        Assert.Equal(40, await store.CountAsync("state", CancellationToken.None));
    }

    /// <summary>The store's bytes on disk: its file, its WAL and the WAL's index (<c>-shm</c>).</summary>
    private static long OnDisk(string path) =>
        new[] { path, path + "-wal", path + "-shm" }.Select(f => new FileInfo(f)).Sum(f => f.Exists ? f.Length : 0);

    /// <summary>
    /// A store error crosses to the caller as a <see cref="Cohort.Contracts.StateStoreException"/> that names the store and says it is
    /// permanent (a client without the driver can read it), and the driver's own exception, stack and all, goes to the silo's log.
    /// </summary>
    [Fact]
    public async Task A_store_error_reaches_the_caller_as_a_store_exception_and_the_log_with_the_drivers_exception()
    {
        var log = new Logged();
        var path = Path.Combine(_dir, "tiny", "cohort.db");
        await using var store = new SqliteStateStore(path, log, maxBytes: 1L << 20);
        await store.InitializeAsync(CancellationToken.None);

        var e = await Assert.ThrowsAsync<Cohort.Contracts.StateStoreException>(() =>
            store.ApplyAsync([new StateWrite("state", "big", null, 1, new byte[2 << 20])], CancellationToken.None));

        Assert.True(e.Permanent);
        Assert.StartsWith($"SQLite {path}: ", e.Message);
        Assert.Contains("database or disk is full", e.Message);
        var (level, logged, message) = Assert.Single(log.Entries);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, level);
        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(logged);
        Assert.False(string.IsNullOrEmpty(logged!.StackTrace));
        Assert.Contains("permanent: the store needs fixing", message);
    }

    /// <summary>
    /// A pooled connection its owner returned inside a transaction would read that transaction's old snapshot: the store rolls it back
    /// before reading, and says so in the log, since whoever left it open has a bug.
    /// </summary>
    [Fact]
    public async Task A_pooled_connection_left_inside_a_transaction_is_rolled_back_before_a_read_and_the_log_says_so()
    {
        var log = new Logged();
        var path = Path.Combine(_dir, "leaked", "cohort.db");
        await using var store = new SqliteStateStore(path, log);
        await store.InitializeAsync(CancellationToken.None);
        Assert.All(await store.ApplyAsync([new StateWrite("state", "a", null, 1, new byte[] { 1 })], CancellationToken.None), Assert.True);
        using (var leaker = new Microsoft.Data.Sqlite.SqliteConnection(store.ConnectionString))
        {
            leaker.Open();
            using var begin = leaker.CreateCommand();
            begin.CommandText = "BEGIN; SELECT count(*) FROM grain_state;";
            begin.ExecuteScalar();
        }
        Assert.All(await store.ApplyAsync([new StateWrite("state", "a", 1, 2, new byte[] { 2 })], CancellationToken.None), Assert.True);

        // The read takes the leaked connection, the only one idle in the store's pool, and sees the write made after it was left.
        var read = await store.ReadAsync("state", "a", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(2, read.Value.Version);
        Assert.Equal([2], read.Value.Data);
        var (level, _, message) = Assert.Single(log.Entries);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, level);
        Assert.Contains("a pooled connection came back inside a transaction its owner never ended; rolled back before reading", message);
    }

    /// <summary>What a store logged: each entry's level, exception and message.</summary>
    private sealed class Logged : Microsoft.Extensions.Logging.ILogger
    {
        public List<(Microsoft.Extensions.Logging.LogLevel Level, Exception? Exception, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, exception, formatter(state, exception)));
        }
    }
}
