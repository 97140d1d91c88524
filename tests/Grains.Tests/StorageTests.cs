using Cohort.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cohort.Grains.Tests;

[GenerateSerializer]
[Alias("Cohort.Grains.Tests.Counter")]
public sealed class Counter
{
    [Id(0)] public int Value { get; set; }
    [Id(1)] public string Label { get; set; } = "";
}

/// <summary>
/// The group-commit provider's guarantees over a real store: coalescing, durability across a reopen, optimistic concurrency. Each
/// store (SQLite file, PostgreSQL database) runs the same tests.
/// </summary>
public abstract class StorageContract : IAsyncLifetime
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private CountingStore _store = null!;
    private GroupCommitGrainStorage _storage = null!;

    /// <summary>Prepares an empty location; returns a factory of stores over it (called again to reopen it, as after a restart).</summary>
    protected abstract Task<Func<IStateStore>> PrepareAsync();

    protected abstract Task CleanupAsync();

    private Func<IStateStore> _open = null!;

    /// <summary>Counts transactions, to see writes coalesce.</summary>
    private sealed class CountingStore(IStateStore inner) : ForwardingStore(inner)
    {
        public int Transactions;
        public int Writes;
        /// <summary>Set to fail the next opening, as a database not reachable yet does.</summary>
        public bool FailNextOpening;
        public override Task InitializeAsync(CancellationToken ct)
        {
            if (!FailNextOpening) return base.InitializeAsync(ct);
            FailNextOpening = false;
            return Task.FromException(new Cohort.Contracts.StateStoreException("the store is not reachable yet"));
        }
        public override Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct)
        {
            Interlocked.Increment(ref Transactions);
            Interlocked.Add(ref Writes, writes.Count);
            return base.ApplyAsync(writes, ct);
        }
    }

    public async Task InitializeAsync()
    {
        _open = await PrepareAsync();
        _store = new CountingStore(_open());
        _storage = new GroupCommitGrainStorage(_store, _serializer, NullLogger<GroupCommitGrainStorage>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        await CleanupAsync();
    }

    private static GrainId Id(string key) => GrainId.Create("counter", key);

    [Fact]
    public async Task Concurrent_writes_of_many_grains_are_coalesced_and_all_durable()
    {
        const int grains = 2000;
        var states = Enumerable.Range(0, grains).Select(i => new GrainState<Counter>(new Counter { Value = i, Label = $"g{i}" })).ToArray();
        await Task.WhenAll(states.Select((s, i) => Task.Run(() => _storage.WriteStateAsync("state", Id($"k{i}"), s))));
        Assert.All(states, s => Assert.Equal("1", s.ETag));
        Assert.Equal(grains, _store.Writes);
        Assert.True(_store.Transactions < grains / 4, $"{_store.Transactions} transactions for {grains} writes: not coalesced");

        // A new store over the same file (as after a restart) reads every acknowledged write.
        await _storage.DisposeAsync();
        await using var reopened = new GroupCommitGrainStorage(_open(), _serializer, NullLogger<GroupCommitGrainStorage>.Instance);
        for (var i = 0; i < grains; i += 97)
        {
            var read = new GrainState<Counter>();
            await reopened.ReadStateAsync("state", Id($"k{i}"), read);
            Assert.True(read.RecordExists);
            Assert.Equal(i, read.State!.Value);
            Assert.Equal($"g{i}", read.State!.Label);
        }
        Assert.Equal(grains, await reopened.Store.CountAsync("counter/state", CancellationToken.None));
        _storage = new GroupCommitGrainStorage(_open(), _serializer, NullLogger<GroupCommitGrainStorage>.Instance);
    }

    /// <summary>
    /// A participant's state goes to the store in its own layout (observations as raw arrays) and reads back whole, by its grain and
    /// by its shard; one stored by an earlier build in Orleans' layout (the fixture in <c>StoredState/</c>) still reads.
    /// </summary>
    [Fact]
    public async Task A_participant_is_stored_in_its_own_layout_and_one_stored_in_orleans_layout_still_reads()
    {
        const string type = "participant/participant";
        var old = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "StoredState", "participant-P0000001.bin"));
        Assert.True((await _storage.ApplyAsync([new StateWrite(type, "P0000001", null, 1, old)])).Single());
        var earlier = (await _storage.ReadManyAsync<Participants.ParticipantState>(type, ["P0000001"]))["P0000001"].State;
        Assert.Equal(74, earlier.Observations.Count);

        var state = new GrainState<Participants.ParticipantState>(earlier);
        await _storage.WriteStateAsync("participant", GrainId.Create("participant", "P0000002"), state);
        var stored = (await _store.ReadAsync(type, "P0000002", CancellationToken.None))!.Value;
        Assert.True(Participants.ParticipantPacking.IsPacked(stored.Data));
        Assert.True(stored.Data.Length < old.Length, $"{stored.Data.Length} bytes packed, {old.Length} in Orleans' layout");
        var read = new GrainState<Participants.ParticipantState>();
        await _storage.ReadStateAsync("participant", GrainId.Create("participant", "P0000002"), read);
        var back = (await _storage.ReadManyAsync<Participants.ParticipantState>(type, ["P0000002"]))["P0000002"].State;
        foreach (var s in new[] { read.State!, back })
        {
            Assert.Equal(earlier.Observations.TakenAt, s.Observations.TakenAt);
            Assert.Equal(earlier.Observations.RawValue, s.Observations.RawValue);
            Assert.Equal(earlier.Observations.UnitSpellings, s.Observations.UnitSpellings);
            Assert.Equal(earlier.Observations.Runs, s.Observations.Runs);
            Assert.Equal((earlier.PendingRun, earlier.RecordKey, earlier.Demographics), (s.PendingRun, s.RecordKey, s.Demographics));
            Assert.Equal(earlier.Before!.Existed, s.Before!.Existed);
        }
    }

    /// <summary>A store that could not be opened (not reachable yet) is opened by the next call that needs it, with no restart.</summary>
    [Fact]
    public async Task A_store_that_failed_to_open_is_opened_again_by_the_next_call()
    {
        var store = new CountingStore(_open()) { FailNextOpening = true };
        await using var storage = new GroupCommitGrainStorage(store, _serializer, NullLogger<GroupCommitGrainStorage>.Instance);
        var state = new GrainState<Counter>(new Counter { Value = 7 });
        var refused = await Assert.ThrowsAsync<Cohort.Contracts.StateStoreException>(() => storage.WriteStateAsync("state", Id("late"), state));
        Assert.Contains("not reachable yet", refused.Message, StringComparison.Ordinal);
        await storage.WriteStateAsync("state", Id("late"), state);
        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("state", Id("late"), read);
        Assert.Equal(7, read.State!.Value);
    }

    [Fact]
    public async Task A_stale_etag_is_a_conflict_and_loses_nothing()
    {
        var a = new GrainState<Counter>(new Counter { Value = 1 });
        await _storage.WriteStateAsync("state", Id("x"), a);
        var stale = new GrainState<Counter>(new Counter { Value = 99 }) { ETag = null };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("state", Id("x"), stale));
        a.State!.Value = 2;
        await _storage.WriteStateAsync("state", Id("x"), a);
        var read = new GrainState<Counter>();
        await _storage.ReadStateAsync("state", Id("x"), read);
        Assert.Equal(2, read.State!.Value);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Of_two_concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        var first = new GrainState<Counter>(new Counter { Value = 1 });
        await _storage.WriteStateAsync("state", Id("y"), first);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            var s = new GrainState<Counter>(new Counter { Value = 10 + i }) { ETag = first.ETag };
            try { await _storage.WriteStateAsync("state", Id("y"), s); return true; }
            catch (InconsistentStateException) { return false; }
        }));
        Assert.Equal(1, outcomes.Count(o => o));
    }

    /// <summary>
    /// One transaction of every kind of write, as an ingest's group commit brings them (large enough for PostgreSQL's COPY path): each
    /// write's version check is reported, and only the writes that passed are stored.
    /// </summary>
    [Fact]
    public async Task A_bulk_batch_reports_each_writes_version_check_and_stores_only_those_that_passed()
    {
        await using var store = _open();
        await store.InitializeAsync(CancellationToken.None);
        byte[] Data(string s) => System.Text.Encoding.UTF8.GetBytes(s);
        const string type = "bulk/state";
        var seed = Enumerable.Range(0, 60).Select(i => new StateWrite(type, $"b{i}", null, 1, Data($"v1-{i}"))).ToArray();
        Assert.All(await store.ApplyAsync(seed, CancellationToken.None), Assert.True);

        var writes = new List<(StateWrite Write, bool Passes)>();
        for (var i = 0; i < 60; i++)
            writes.Add((i % 6) switch
            {
                0 => (new StateWrite(type, $"b{i}", 1, 2, Data($"v2-{i}")), true),       // update at the stored version
                1 => (new StateWrite(type, $"b{i}", 7, 8, Data($"v8-{i}")), false),      // update at a stale version
                2 => (new StateWrite(type, $"b{i}", null, 1, Data($"again-{i}")), false), // insert of what exists
                3 => (new StateWrite(type, $"b{i}", 1, 0, null), true),                  // delete at the stored version
                4 => (new StateWrite(type, $"b{i}", 3, 0, null), false),                 // delete at a stale version
                _ => (new StateWrite(type, $"b{i}", 1, 2, Data($"v2-{i}")), true),
            });
        for (var i = 0; i < 40; i++) writes.Add((new StateWrite(type, $"new{i}", null, 1, Data($"n-{i}")), true));
        writes.Add((new StateWrite(type, "never-stored", null, 0, null), true));   // deleting what must not exist: nothing to do

        var applied = await store.ApplyAsync(writes.Select(w => w.Write).ToArray(), CancellationToken.None);
        Assert.Equal(writes.Select(w => w.Passes), applied);
        foreach (var (w, passes) in writes)
        {
            var stored = await store.ReadAsync(w.Type, w.Key, CancellationToken.None);
            if (passes && w.Data is null) Assert.Null(stored);
            else if (passes)
            {
                Assert.Equal(w.NewVersion, stored!.Value.Version);
                Assert.Equal(w.Data!.Value.ToArray(), stored.Value.Data);
            }
            else Assert.NotEqual(w.Data?.ToArray(), stored?.Data);
        }
        Assert.Equal(60 - 10 + 40, await store.CountAsync(type, CancellationToken.None));
    }

    /// <summary>
    /// An ingest packs a call's states side by side in pooled chunks (<see cref="StateBuffer"/>): each is stored as exactly its own
    /// slice (an update and an insert, an empty state among them, enough writes for PostgreSQL's bulk path), and what is stored stays
    /// as it was once the chunks go back to the pool and are written over.
    /// </summary>
    [Fact]
    public async Task States_packed_side_by_side_in_a_pooled_buffer_are_each_stored_as_their_own_bytes()
    {
        await using var store = _open();
        await store.InitializeAsync(CancellationToken.None);
        const string type = "pooled/state";
        Assert.All(await store.ApplyAsync([new StateWrite(type, "p0", null, 1, new byte[] { 0 })], CancellationToken.None), Assert.True);
        var buffer = new StateBuffer();
        var expected = new Dictionary<string, byte[]>();
        var writes = new List<StateWrite>();
        for (var i = 0; i < 40; i++)
        {
            var bytes = Enumerable.Range(0, i * 37 % 300).Select(k => (byte)(i + k)).ToArray();
            var slice = buffer.Take(bytes.Length);
            bytes.CopyTo(slice.AsSpan());
            expected[$"p{i}"] = bytes;
            writes.Add(new StateWrite(type, $"p{i}", i == 0 ? 1 : null, i == 0 ? 2 : 1, slice));
        }
        Assert.All(await store.ApplyAsync(writes, CancellationToken.None), Assert.True);
        buffer.Release();
        var again = new StateBuffer();
        again.Take(64 * 1024).AsSpan().Fill(0xEE);
        var read = await store.ReadManyAsync(type, [.. expected.Keys], CancellationToken.None);
        Assert.All(expected, e => Assert.Equal(e.Value, read[e.Key].Data));
        again.Release();
    }

    /// <summary>
    /// A shard lists its segments by key prefix: exactly the keys that start with it, in byte order, of that type only; the runs grain
    /// lists every quarantine with an empty prefix.
    /// </summary>
    [Fact]
    public async Task A_prefix_listing_returns_exactly_the_keys_that_start_with_it_in_order()
    {
        await using var store = _open();
        await store.InitializeAsync(CancellationToken.None);
        string[] keys = ["0001/run-b/000002", "0001/run-a/000001", "0001/run-b/000001", "00010/run-a/000001", "0002/run-a/000001", "0001", "0000/z", "0001/"];
        await store.ApplyAsync([.. keys.Select(k => new StateWrite("seg/state", k, null, 1, System.Text.Encoding.UTF8.GetBytes(k))),
            new StateWrite("other/state", "0001/run-a/000003", null, 1, new byte[] { 1 })], CancellationToken.None);
        var found = await store.KeysWithPrefixAsync("seg/state", "0001/", CancellationToken.None);
        Assert.Equal(["0001/", "0001/run-a/000001", "0001/run-b/000001", "0001/run-b/000002"], found);
        var read = await store.ReadManyAsync("seg/state", found, CancellationToken.None);
        Assert.All(found, k => Assert.Equal(k, System.Text.Encoding.UTF8.GetString(read[k].Data)));
        Assert.Empty(await store.KeysWithPrefixAsync("seg/state", "0003/", CancellationToken.None));
        Assert.Equal(4, await store.CountPrefixAsync("seg/state", "0001/", CancellationToken.None));
        Assert.Equal(2, await store.CountPrefixAsync("seg/state", "0001/run-b/", CancellationToken.None));
        // An empty prefix: every key of the type, in byte order.
        Assert.Equal(keys.Order(StringComparer.Ordinal), await store.KeysWithPrefixAsync("seg/state", "", CancellationToken.None));
        Assert.Equal(keys.Length, await store.CountPrefixAsync("seg/state", "", CancellationToken.None));
    }

    [Fact]
    public async Task Clear_removes_the_state()
    {
        var s = new GrainState<Counter>(new Counter { Value = 5 });
        await _storage.WriteStateAsync("state", Id("z"), s);
        await _storage.ClearStateAsync("state", Id("z"), s);
        var read = new GrainState<Counter>();
        await _storage.ReadStateAsync("state", Id("z"), read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }
}

/// <summary>The contract over a SQLite file (the embedded default).</summary>
public sealed class SqliteStorageTests : StorageContract
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-storage-" + Guid.NewGuid().ToString("N"));

    protected override Task<Func<IStateStore>> PrepareAsync() =>
        Task.FromResult<Func<IStateStore>>(() => new SqliteStateStore(Path.Combine(_dir, "cohort.db")));

    protected override Task CleanupAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A transaction of a run's staged writes only is committed without syncing the WAL; one with any other write is synced, and
    /// being later in the same WAL it makes the staged ones before it durable with it. Both kinds are stored and read back after the
    /// store is opened again.
    /// </summary>
    [Fact]
    public async Task A_transaction_of_staged_writes_only_commits_unsynced_and_one_with_any_other_write_is_synced()
    {
        var path = Path.Combine(_dir, "staged.db");
        await using (var store = new SqliteStateStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);
            Assert.True(store.Syncing);
            Assert.All(await store.ApplyAsync([new StateWrite("p/state", "a", null, 1, new byte[] { 1 }, Staged: true), new StateWrite("s/seg", "a/1", null, 1, new byte[] { 2 }, Staged: true)], CancellationToken.None), Assert.True);
            Assert.False(store.Syncing);
            Assert.All(await store.ApplyAsync([new StateWrite("p/state", "b", null, 1, new byte[] { 3 }, Staged: true), new StateWrite("runs/state", "0", null, 1, new byte[] { 4 })], CancellationToken.None), Assert.True);
            Assert.True(store.Syncing);
            Assert.All(await store.ApplyAsync([new StateWrite("p/state", "a", 1, 2, new byte[] { 5 }, Staged: true)], CancellationToken.None), Assert.True);
            Assert.False(store.Syncing);
        }
        await using (var store = new SqliteStateStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);
            Assert.True(store.Syncing);
            Assert.Equal(new byte[] { 5 }, (await store.ReadAsync("p/state", "a", CancellationToken.None))!.Value.Data);
            Assert.Equal(new byte[] { 2 }, (await store.ReadAsync("s/seg", "a/1", CancellationToken.None))!.Value.Data);
            Assert.Equal(new byte[] { 3 }, (await store.ReadAsync("p/state", "b", CancellationToken.None))!.Value.Data);
            Assert.Equal(new byte[] { 4 }, (await store.ReadAsync("runs/state", "0", CancellationToken.None))!.Value.Data);
        }
    }

    /// <summary>
    /// While staged writes are committed unsynced, the WAL's write-out to disk is started in the background each time a volume of them
    /// has been committed, so that the run's commit record does not flush them all; a synced commit leaves nothing unsynced and starts
    /// the count again. Everything written reads back after the store is opened again.
    /// </summary>
    [Fact]
    public async Task The_WAL_is_written_out_in_the_background_each_time_a_volume_of_staged_writes_is_committed()
    {
        Assert.True(SqliteWalWriteOut.Supported, "the tests run on Linux");
        var path = Path.Combine(_dir, "wal-write-out.db");
        var keys = new List<string>();
        await using (var store = new SqliteStateStore(path, walWriteOutVolume: 100_000))
        {
            await store.InitializeAsync(CancellationToken.None);
            async Task Write(string key, bool staged)
            {
                keys.Add(key);
                Assert.All(await store.ApplyAsync([new StateWrite("p/state", key, null, 1, new byte[40_000], staged)], CancellationToken.None), Assert.True);
            }
            for (var i = 0; i < 5; i++) await Write($"synced{i}", staged: false);
            await Write("staged0", staged: true);
            await Write("staged1", staged: true);
            await Write("synced5", staged: false);
            await Write("staged2", staged: true);
            // 80,000 unsynced bytes, then a synced commit, then 40,000: no write-out is due yet.
            Assert.Equal(0, store.WalWriteOuts);
            await Write("staged3", staged: true);
            await Write("staged4", staged: true);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (store.WalWriteOuts == 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no write-out of the WAL a minute after 120,000 unsynced bytes were committed");
                await Task.Delay(20);
            }
            Assert.Equal(1, store.WalWriteOuts);
        }
        await using (var store = new SqliteStateStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);
            var stored = await store.ReadManyAsync("p/state", keys, CancellationToken.None);
            Assert.Equal(keys.Order(), stored.Keys.Order());
        }
    }

    /// <summary>A write-out that cannot start (here, no WAL where it looks) is only logged: the commit record's sync writes the WAL anyway.</summary>
    [Fact]
    public async Task A_write_out_of_the_WAL_that_cannot_start_is_left_to_the_commit_record()
    {
        Directory.CreateDirectory(_dir);
        var writeOut = new SqliteWalWriteOut(Path.Combine(_dir, "absent", "cohort.db-wal"), log: null, volume: 10);
        writeOut.Committed(5, synced: false);
        writeOut.Committed(5, synced: false);
        await writeOut.DisposeAsync();
        Assert.Equal(0, writeOut.Started);
    }

    /// <summary>
    /// SQLite's own errors leave the store as <see cref="Cohort.Contracts.StateStoreException"/> naming the file: a grain call that failed
    /// with the driver's exception reached the CLI, which lacks the driver, as an answer it could not read, and the CLI crashed.
    /// </summary>
    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_with_a_permanent_error_naming_it_that_a_client_can_read()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "not-a-database.db");
        await File.WriteAllBytesAsync(path, Enumerable.Repeat((byte)0x5a, 64 * 1024).ToArray());
        await using var store = new SqliteStateStore(path);
        var opening = await Assert.ThrowsAsync<Cohort.Contracts.StateStoreException>(() => store.InitializeAsync(CancellationToken.None));
        Assert.Contains(path, opening.Message, StringComparison.Ordinal);
        Assert.Contains("not a database", opening.Message, StringComparison.Ordinal);
        var reading = await Assert.ThrowsAsync<Cohort.Contracts.StateStoreException>(() => store.ReadManyAsync("t", ["k"], CancellationToken.None));
        Assert.Contains("not a database", reading.Message, StringComparison.Ordinal);
        // A damaged file needs fixing: trying again for ten seconds would only repeat the error.
        Assert.True(opening.Permanent);
        Assert.True(reading.Permanent);
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(reading));
        Assert.Equal(reading.Message, Assert.IsType<Cohort.Contracts.StateStoreException>(received).Message);
        Assert.True(((Cohort.Contracts.StateStoreException)received).Permanent);
        var busy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new Cohort.Contracts.StateStoreException("database is locked")));
        Assert.False(Assert.IsType<Cohort.Contracts.StateStoreException>(busy).Permanent);
    }

    /// <summary>
    /// A pooled connection that went back to the pool inside a transaction (begun behind the driver's back, as it is here) neither fails
    /// the store's next read transaction nor serves it the old snapshot: the store rolls it back when it takes it.
    /// </summary>
    [Fact]
    public async Task A_pooled_connection_left_inside_a_transaction_is_rolled_back_before_the_store_reads_with_it()
    {
        var path = Path.Combine(_dir, "pooled.db");
        Directory.CreateDirectory(_dir);
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        await using var store = new SqliteStateStore(path);
        await using var storage = new GroupCommitGrainStorage(store, serializer, NullLogger<GroupCommitGrainStorage>.Instance);
        await storage.ApplyAsync([new StateWrite("t", "k", null, 1, new byte[] { 1 })]);
        // The store's own connection string, so the same pool.
        var same = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection(same))
        {
            await c.OpenAsync();
            await using var begin = c.CreateCommand();
            begin.CommandText = "BEGIN; SELECT count(*) FROM grain_state;";
            await begin.ExecuteScalarAsync();
            Assert.Equal(0, SQLitePCL.raw.sqlite3_get_autocommit(c.Handle));
        }
        await storage.ApplyAsync([new StateWrite("t", "k", 1, 2, new byte[] { 2 })]);
        var read = await store.ReadManyAsync("t", ["k"], CancellationToken.None);
        Assert.Equal(new byte[] { 2 }, read["k"].Data);
        Assert.Equal(new byte[] { 2 }, (await store.ReadAsync("t", "k", CancellationToken.None))!.Value.Data);
    }

    /// <summary>A store created with the first schema (rows keyed WITHOUT ROWID) is moved to the rowid table on open, losing nothing.</summary>
    [Fact]
    public async Task A_store_of_the_first_schema_is_migrated_on_open_with_every_row()
    {
        var path = Path.Combine(_dir, "first-schema.db");
        Directory.CreateDirectory(_dir);
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE grain_state (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, version INTEGER NOT NULL, data BLOB NOT NULL,
                    PRIMARY KEY (grain_type, grain_key)) WITHOUT ROWID;
                INSERT INTO grain_state VALUES ('a/state', 'k1', 3, x'0102'), ('a/state', 'k2', 1, zeroblob(100000)), ('b/state', 'k1', 7, x'ff');
                """;
            await cmd.ExecuteNonQueryAsync();
        }
        await using (var store = new SqliteStateStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);
            Assert.Equal(new byte[] { 1, 2 }, (await store.ReadAsync("a/state", "k1", CancellationToken.None))!.Value.Data);
            Assert.Equal(3, (await store.ReadAsync("a/state", "k1", CancellationToken.None))!.Value.Version);
            Assert.Equal(100000, (await store.ReadAsync("a/state", "k2", CancellationToken.None))!.Value.Data.Length);
            Assert.Equal(7, (await store.ReadAsync("b/state", "k1", CancellationToken.None))!.Value.Version);
            Assert.Equal(new[] { false, true }, await store.ApplyAsync([new StateWrite("a/state", "k1", null, 1, new byte[] { 9 }), new StateWrite("a/state", "k1", 3, 4, new byte[] { 9 })], CancellationToken.None));
        }
        await using (var store = new SqliteStateStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);   // opening again migrates nothing
            Assert.Equal(2, await store.CountAsync("a/state", CancellationToken.None));
            Assert.Equal(4, (await store.ReadAsync("a/state", "k1", CancellationToken.None))!.Value.Version);
        }
        await using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        await using var q = check.CreateCommand();
        q.CommandText = "SELECT group_concat(name || ':' || sql, ' | ') FROM sqlite_master WHERE tbl_name LIKE 'grain_state%'";
        var schema = (string)(await q.ExecuteScalarAsync())!;
        Assert.DoesNotContain("WITHOUT ROWID", schema, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("grain_state_keyed", schema);
        Assert.Contains("grain_state_key:CREATE UNIQUE INDEX", schema);
        // A store keeps the page size it was created with (4 KB then): the setting applies to new stores only.
        Assert.Equal(4096L, await PageSize(path));
    }

    /// <summary>
    /// A new store is made of 16 KB pages: a participant's state (about 2.7 KB) took a 4 KB page of its own, a third of it empty, and
    /// every page is written twice (log, then file).
    /// </summary>
    [Fact]
    public async Task A_new_store_has_pages_that_hold_several_participants_each()
    {
        var path = Path.Combine(_dir, "new.db");
        await using (var store = new SqliteStateStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);
            var writes = Enumerable.Range(0, 60).Select(i => new StateWrite("participant/participant", $"P{i:D7}", null, 1, new byte[2700])).ToArray();
            Assert.All(await store.ApplyAsync(writes, CancellationToken.None), Assert.True);
        }
        Assert.Equal(16384L, await PageSize(path));
        await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await c.OpenAsync();
        await using var q = c.CreateCommand();
        q.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await q.ExecuteNonQueryAsync();
        q.CommandText = "PRAGMA page_count";
        // 60 rows of 2.7 KB in about 10 table pages, with the schema and the key index (at 4 KB a page, over 60).
        Assert.InRange((long)(await q.ExecuteScalarAsync())!, 1, 20);
    }

    /// <summary>
    /// A store an earlier build created (4 KB pages, already in WAL mode, where SQLite cannot change the page size) opens, keeps its
    /// pages and its rows, and takes new writes: the 16 KB setting is for new files only, never a conversion on start.
    /// </summary>
    [Fact]
    public async Task A_store_of_4_KB_pages_in_WAL_mode_keeps_its_pages_and_its_data()
    {
        var path = Path.Combine(_dir, "older.db");
        Directory.CreateDirectory(_dir);
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE made_by_an_earlier_build (x INTEGER)";
            await cmd.ExecuteNonQueryAsync();
        }
        var writes = Enumerable.Range(0, 20).Select(i => new StateWrite("participant/participant", $"P{i:D7}", null, 1, new byte[2700])).ToArray();
        await using (var store = new SqliteStateStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);
            Assert.All(await store.ApplyAsync(writes, CancellationToken.None), Assert.True);
        }
        await using (var store = new SqliteStateStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);
            Assert.Equal(20, await store.CountAsync("participant/participant", CancellationToken.None));
            Assert.Equal(2700, (await store.ReadAsync("participant/participant", "P0000019", CancellationToken.None))!.Value.Data.Length);
            Assert.Equal(new[] { true }, await store.ApplyAsync([new StateWrite("participant/participant", "P0000019", 1, 2, new byte[] { 7 })], CancellationToken.None));
        }
        Assert.Equal(4096L, await PageSize(path));
        await using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        await using var q = check.CreateCommand();
        q.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await q.ExecuteScalarAsync())!);
    }

    /// <summary>
    /// Commits are written back from the WAL into the store's file in the background once writes pause, not by the writer between
    /// commits: after the checkpoint, a copy of the file alone (without its WAL) holds every row. Below SQLite's own threshold (1,000
    /// pages), the writer never wrote them back while the store was open, so this copy held none of them.
    /// </summary>
    [Fact]
    public async Task Writes_reach_the_store_file_itself_once_they_pause()
    {
        var path = Path.Combine(_dir, "checkpointed.db");
        await using var store = new SqliteStateStore(path);
        await store.InitializeAsync(CancellationToken.None);
        for (var batch = 0; batch < 4; batch++)
        {
            var writes = Enumerable.Range(0, 50).Select(i => new StateWrite("participant/participant", $"P{batch:D2}{i:D5}", null, 1, new byte[2700])).ToArray();
            Assert.All(await store.ApplyAsync(writes, CancellationToken.None), Assert.True);
        }
        // A slow machine may pause between the batches, and a checkpoint then writes back only those before it: each checkpoint's
        // result is looked at until one follows the last write (one always does, a second after it).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (seen, rows) = (0, -1L);
        while (rows != 200)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the store's file alone held {rows} of the 200 rows a minute after the last write ({seen} checkpoints)");
            await Task.Delay(50);
            if (store.Checkpoints == seen) continue;
            seen = store.Checkpoints;
            rows = await RowsInACopyOf(path, $"file-alone-{seen}.db");
        }
    }

    /// <summary>The participant rows a copy of the database file holds without its WAL (-1 if the copy caught a write half done).</summary>
    private async Task<long> RowsInACopyOf(string path, string name)
    {
        var copy = Path.Combine(_dir, name);
        File.Copy(path, copy);
        await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Pooling=False");
        try
        {
            await c.OpenAsync();
            await using var q = c.CreateCommand();
            q.CommandText = "SELECT count(*) FROM grain_state WHERE grain_type = 'participant/participant'";
            return (long)(await q.ExecuteScalarAsync())!;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return -1;
        }
    }

    private static async Task<long> PageSize(string path)
    {
        await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await c.OpenAsync();
        await using var q = c.CreateCommand();
        q.CommandText = "PRAGMA page_size";
        return (long)(await q.ExecuteScalarAsync())!;
    }
}

/// <summary>One throw-away PostgreSQL server for the storage tests of a class.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;
    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();
    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The contract over a real PostgreSQL database (distributed mode), plus its schema migrations.</summary>
public sealed class PostgresStorageTests(PostgresFixture pg) : StorageContract, IClassFixture<PostgresFixture>
{
    protected override async Task<Func<IStateStore>> PrepareAsync()
    {
        var cs = await pg.Server.CreateDatabaseAsync("t" + Guid.NewGuid().ToString("N"));
        return () => new PostgresStateStore(cs);
    }

    protected override Task CleanupAsync() => Task.CompletedTask;

    [Fact]
    public async Task Silos_starting_at_once_apply_each_migration_exactly_once_and_a_restart_applies_none()
    {
        var cs = await pg.Server.CreateDatabaseAsync("m" + Guid.NewGuid().ToString("N"));
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgresStateStore(cs)).ToArray();
        await Task.WhenAll(stores.Select(s => s.InitializeAsync(CancellationToken.None)));
        var applied = stores.SelectMany(s => s.Applied).Order().ToArray();
        Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), applied);
        await using var again = new PostgresStateStore(cs);
        await again.InitializeAsync(CancellationToken.None);
        Assert.Empty(again.Applied);
        await using var c = new Npgsql.NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*), max(version) FROM cohort_schema_version", c);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.Equal(PostgresSchema.Migrations.Count, r.GetInt64(0));
        Assert.Equal(PostgresSchema.Latest, r.GetInt32(1));
        foreach (var s in stores) await s.DisposeAsync();
    }

    /// <summary>
    /// A database that refuses writes (made read-only, as an operator freezes one or a standby is) fails the store's writes as an error
    /// to fix, naming the database and PostgreSQL's error, and keeps what it held; the server's transient conditions are tried again.
    /// </summary>
    [Fact]
    public async Task A_database_that_refuses_writes_fails_them_as_permanent_and_keeps_what_it_held()
    {
        var name = "ro" + Guid.NewGuid().ToString("N");
        var cs = await pg.Server.CreateDatabaseAsync(name);
        await using (var writable = new PostgresStateStore(cs))
        {
            await writable.InitializeAsync(CancellationToken.None);
            Assert.Equal(new[] { true }, await writable.ApplyAsync([new StateWrite("t", "k", null, 1, new byte[] { 1 })], CancellationToken.None));
        }
        await using (var admin = new Npgsql.NpgsqlConnection(pg.Server.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var freeze = new Npgsql.NpgsqlCommand($"ALTER DATABASE {name} SET default_transaction_read_only = on", admin);
            await freeze.ExecuteNonQueryAsync();
        }
        await using var store = new PostgresStateStore(cs);
        var refused = await Assert.ThrowsAsync<Cohort.Contracts.StateStoreException>(() => store.ApplyAsync([new StateWrite("t", "k2", null, 1, new byte[] { 2 })], CancellationToken.None));
        Assert.True(refused.Permanent);
        Assert.Contains(name, refused.Message, StringComparison.Ordinal);
        Assert.Contains("25006", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 1 }, (await store.ReadAsync("t", "k", CancellationToken.None))!.Value.Data);

        // A full disk stays full until someone frees space (Npgsql counts it transient); shutdowns, restarts, deadlocks and
        // serialization failures pass, and so does a lost connection.
        static Npgsql.PostgresException Server(string state) => new("test", "ERROR", "ERROR", state);
        Assert.True(PostgresStateStore.IsPermanent(Server(Npgsql.PostgresErrorCodes.DiskFull)));
        Assert.True(PostgresStateStore.IsPermanent(Server(Npgsql.PostgresErrorCodes.UndefinedTable)));
        foreach (var passing in new[] { "57P01", "57P02", "57P03", "40P01", "40001", Npgsql.PostgresErrorCodes.TooManyConnections })
            Assert.False(PostgresStateStore.IsPermanent(Server(passing)), passing);
        Assert.False(PostgresStateStore.IsPermanent(new Npgsql.NpgsqlException("Exception while reading from stream", new IOException("connection reset"))));
    }
}
