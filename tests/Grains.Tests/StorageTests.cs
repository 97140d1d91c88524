using Cohort.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cohort.Grains.Tests;

[GenerateSerializer]
public sealed class Counter
{
    [Id(0)] public int Value { get; set; }
    [Id(1)] public string Label { get; set; } = "";
}

/// <summary>The group-commit provider over a real SQLite file.</summary>
public sealed class StorageTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-storage-" + Guid.NewGuid().ToString("N"));
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private CountingStore _store = null!;
    private GroupCommitGrainStorage _storage = null!;

    private string DbPath => Path.Combine(_dir, "cohort.db");

    /// <summary>Counts transactions, to see writes coalesce.</summary>
    private sealed class CountingStore(IStateStore inner) : IStateStore
    {
        public int Transactions;
        public int Writes;
        public string Description => inner.Description;
        public Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);
        public Task<StoredState?> ReadAsync(string type, string key, CancellationToken ct) => inner.ReadAsync(type, key, ct);
        public Task<long> CountAsync(string type, CancellationToken ct) => inner.CountAsync(type, ct);
        public Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct)
        {
            Interlocked.Increment(ref Transactions);
            Interlocked.Add(ref Writes, writes.Count);
            return inner.ApplyAsync(writes, ct);
        }
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    public Task InitializeAsync()
    {
        _store = new CountingStore(new SqliteStateStore(DbPath));
        _storage = new GroupCommitGrainStorage(_store, _serializer, NullLogger<GroupCommitGrainStorage>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
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
        await using var reopened = new GroupCommitGrainStorage(new SqliteStateStore(DbPath), _serializer, NullLogger<GroupCommitGrainStorage>.Instance);
        for (var i = 0; i < grains; i += 97)
        {
            var read = new GrainState<Counter>();
            await reopened.ReadStateAsync("state", Id($"k{i}"), read);
            Assert.True(read.RecordExists);
            Assert.Equal(i, read.State!.Value);
            Assert.Equal($"g{i}", read.State!.Label);
        }
        Assert.Equal(grains, await reopened.Store.CountAsync("counter/state", CancellationToken.None));
        _storage = new GroupCommitGrainStorage(new SqliteStateStore(Path.Combine(_dir, "other.db")), _serializer, NullLogger<GroupCommitGrainStorage>.Instance);
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
