namespace Cohort.Grains.Storage;

/// <summary>
/// A durable key-value store of grain states. <see cref="ApplyAsync"/> applies many writes in one transaction and returns, per write,
/// whether its version check passed; it returns only once the transaction is durable (a transaction of a run's staged writes only: once
/// it is stored, durable with the next one that is not, <see cref="StateWrite.Staged"/>).
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    string Description { get; }

    Task InitializeAsync(CancellationToken ct);

    Task<StoredState?> ReadAsync(string type, string key, CancellationToken ct);

    /// <summary>
    /// The stored states of many keys of one type, read at once (absent keys are left out). Stores override it to read them in one
    /// statement; this default reads them one by one.
    /// </summary>
    async Task<Dictionary<string, StoredState>> ReadManyAsync(string type, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var found = new Dictionary<string, StoredState>(keys.Count, StringComparer.Ordinal);
        foreach (var key in keys)
            if (await ReadAsync(type, key, ct) is { } s) found[key] = s;
        return found;
    }

    /// <summary>
    /// The keys of one type that start with <paramref name="prefix"/> (compared as bytes; an empty prefix: every key of the type), in
    /// byte order, without their states: a reader of many large states lists them first and reads them a few at a time
    /// (<see cref="ReadManyAsync"/>), so that none waits on all.
    /// </summary>
    Task<List<string>> KeysWithPrefixAsync(string type, string prefix, CancellationToken ct);

    /// <summary>How many states of one type have keys that start with <paramref name="prefix"/> (without reading them).</summary>
    Task<long> CountPrefixAsync(string type, string prefix, CancellationToken ct);

    Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct);

    Task<long> CountAsync(string type, CancellationToken ct);
}
