using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cohort.Grains.Storage;

/// <summary>
/// Cohort's grain storage: states serialized compactly with Orleans' binary serializer (participants' observations as raw arrays), and writes of many grains coalesced into one
/// transaction (group commit). A write is queued, a single writer drains everything queued so far into one durable transaction,
/// and each grain's write completes only after that commit, so an acknowledged write survives a kill. Optimistic concurrency by
/// version: a write whose ETag no longer matches fails with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class GroupCommitGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const int MaxBatch = 2048;
    /// <summary>The storage's meter (commits here, the SQLite store's checkpoints in <see cref="SqliteCheckpointer"/>).</summary>
    internal static readonly Meter Meter = new("Cohort.Storage");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("cohort.storage.commit.batch_size", description: "grain writes per transaction");
    private static readonly Histogram<double> CommitSeconds = Meter.CreateHistogram<double>("cohort.storage.commit.duration", "s");

    private readonly IStateStore _store;
    private readonly Serializer _serializer;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly Lock _opening = new();
    /// <summary>The store's opening (schema brought up to date); one that failed is tried again by the next caller.</summary>
    private Task? _opened;

    private sealed record PendingWrite(StateWrite Write, TaskCompletionSource<bool> Done);

    public GroupCommitGrainStorage(IStateStore store, Serializer serializer, ILogger<GroupCommitGrainStorage> logger)
    {
        _store = store;
        _serializer = serializer;
        _logger = logger;
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public IStateStore Store => _store;

    /// <summary>
    /// Opens the store once (<see cref="StoreOpening"/> does it while the silo starts). An opening that failed (a database not yet
    /// reachable) is not kept: the next call tries again, so that a store that comes back serves without a restart of the silo.
    /// </summary>
    public Task EnsureInitializedAsync()
    {
        lock (_opening)
        {
            if (_opened is null || _opened.IsFaulted || _opened.IsCanceled) _opened = _store.InitializeAsync(CancellationToken.None);
            return _opened;
        }
    }

    public static string TypeOf(string stateName, GrainId grainId) => $"{grainId.Type}/{stateName}";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureInitializedAsync();
        var stored = await _store.ReadAsync(TypeOf(stateName, grainId), grainId.Key.ToString()!, CancellationToken.None);
        if (stored is { } s)
        {
            grainState.State = Read<T>(TypeOf(stateName, grainId), grainId.Key.ToString()!, s.Data);
            grainState.ETag = s.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = Serialize(grainState.State);
        var expected = ParseETag(grainState.ETag);
        var next = (expected ?? 0) + 1;
        await Commit(new StateWrite(TypeOf(stateName, grainId), grainId.Key.ToString()!, expected, next, data), grainId, grainState.ETag);
        grainState.ETag = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = ParseETag(grainState.ETag);
        await Commit(new StateWrite(TypeOf(stateName, grainId), grainId.Key.ToString()!, expected, 0, null), grainId, grainState.ETag);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private async Task Commit(StateWrite write, GrainId grainId, string? etag)
    {
        if (!(await ApplyAsync([write]))[0])
            throw new InconsistentStateException($"version conflict writing {write.Type} of {grainId}: stored version is not {etag ?? "absent"}", etag ?? "", "");
    }

    /// <summary>
    /// Many states of one grain type, written by their single writer rather than by each grain (a shard writes its participants):
    /// read at once, serialized as the provider serializes them, so that each grain reads what was written.
    /// </summary>
    public async Task<Dictionary<string, (T State, long Version)>> ReadManyAsync<T>(string type, IReadOnlyCollection<string> keys)
    {
        await EnsureInitializedAsync();
        var stored = await _store.ReadManyAsync(type, keys, CancellationToken.None);
        var states = new Dictionary<string, (T, long)>(stored.Count, StringComparer.Ordinal);
        foreach (var (key, s) in stored) states[key] = (Read<T>(type, key, s.Data), s.Version);
        return states;
    }

    /// <summary>The keys of one type that start with <paramref name="prefix"/> (empty: all of them), in byte order (their states unread).</summary>
    public async Task<List<string>> KeysWithPrefixAsync(string type, string prefix)
    {
        await EnsureInitializedAsync();
        return await _store.KeysWithPrefixAsync(type, prefix, CancellationToken.None);
    }

    /// <summary>
    /// The stored bytes of <paramref name="keys"/> in their order, read <paramref name="perRead"/> at a time: a reader of a large log
    /// holds a few of its states at once, not all. A key with no stored state fails the enumeration.
    /// </summary>
    public async IAsyncEnumerable<(string Key, byte[] Data)> ReadEachAsync(string type, IReadOnlyList<string> keys, int perRead)
    {
        await EnsureInitializedAsync();
        foreach (var chunk in keys.Chunk(perRead))
        {
            var stored = await _store.ReadManyAsync(type, chunk, CancellationToken.None);
            foreach (var key in chunk)
                yield return stored.TryGetValue(key, out var s)
                    ? (key, s.Data)
                    : throw new InconsistentStateException($"{type} {key} was listed and is gone (deleted by another activation?)", "", "");
        }
    }

    /// <summary>
    /// A stored state as <typeparamref name="T"/>: a participant's in its own layout (<see cref="Participants.ParticipantPacking"/>,
    /// or Orleans' when it was stored before that layout), everything else by Orleans' serializer.
    /// </summary>
    public T Deserialize<T>(byte[] data) => typeof(T) == typeof(Participants.ParticipantState) && Participants.ParticipantPacking.IsPacked(data)
        ? (T)(object)Participants.ParticipantPacking.Unpack(data, _serializer)
        : _serializer.Deserialize<T>(data)!;

    public async Task<long> CountPrefixAsync(string type, string prefix)
    {
        await EnsureInitializedAsync();
        return await _store.CountPrefixAsync(type, prefix, CancellationToken.None);
    }

    /// <summary>A stored state, a damaged one refused naming its type and key.</summary>
    private T Read<T>(string type, string key, byte[] data)
    {
        try
        {
            return Deserialize<T>(data);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{type} {key}: {e.Message}", e);
        }
    }

    /// <summary>A state's stored bytes: a participant's in its own layout (its observations as raw arrays), everything else by Orleans' serializer.</summary>
    public byte[] Serialize<T>(T state) => state is Participants.ParticipantState p ? Participants.ParticipantPacking.Pack(p, _serializer) : _serializer.SerializeToArray(state);

    /// <summary>A participant's stored bytes, packed into <paramref name="into"/>.</summary>
    public ReadOnlyMemory<byte> Serialize(Participants.ParticipantState state, StateBuffer into) => Participants.ParticipantPacking.Pack(state, _serializer, into);

    /// <summary>Queues writes into the group commit; returns, once they are durable, which passed their version check.</summary>
    public async Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes)
    {
        await EnsureInitializedAsync();
        var done = new Task<bool>[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var pending = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_queue.Writer.TryWrite(new PendingWrite(writes[i], pending))) throw new InvalidOperationException("grain storage is shut down");
            done[i] = pending.Task;
        }
        return await Task.WhenAll(done);
    }

    private async Task WriteLoop()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        var writes = new List<StateWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            writes.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var w))
            {
                batch.Add(w);
                writes.Add(w.Write);
            }
            try
            {
                await EnsureInitializedAsync();
                var clock = Stopwatch.StartNew();
                var applied = await _store.ApplyAsync(writes, CancellationToken.None);
                CommitSeconds.Record(clock.Elapsed.TotalSeconds);
                BatchSize.Record(batch.Count);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(applied[i]);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "group commit of {Count} grain writes failed; none of them is acknowledged", batch.Count);
                foreach (var w in batch) w.Done.TrySetException(e);
            }
        }
    }

    private static long? ParseETag(string? etag) =>
        etag is null ? null : long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await _store.DisposeAsync();
    }
}
