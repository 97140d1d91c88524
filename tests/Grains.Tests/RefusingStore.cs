using Cohort.Contracts;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Tests;

/// <summary>
/// A store that, when told to, refuses every transaction that would add a row of the given types (as a full SQLite store refuses a
/// write that needs pages it no longer has while still taking rows rewritten in place), or every transaction that writes them at all.
/// Registered by <see cref="CohortCluster"/> when "Test:RefusingStore" is "true".
/// </summary>
internal sealed class RefusingStore(IStateStore inner) : IStateStore
{
    private volatile Func<StateWrite, bool> _refused = _ => false;

    /// <summary>Refuses new rows of these types from now on (none: the store takes everything again).</summary>
    public void RefuseNewRows(params string[] types) => _refused = w => w.ExpectedVersion is null && w.Data is not null && types.Contains(w.Type);

    /// <summary>Refuses every write of these types from now on, new rows and rewrites alike.</summary>
    public void RefuseWrites(params string[] types) => _refused = w => types.Contains(w.Type);

    public string Description => inner.Description;
    public Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);
    public Task<StoredState?> ReadAsync(string type, string key, CancellationToken ct) => inner.ReadAsync(type, key, ct);
    public Task<Dictionary<string, StoredState>> ReadManyAsync(string type, IReadOnlyCollection<string> keys, CancellationToken ct) => inner.ReadManyAsync(type, keys, ct);
    public Task<List<string>> KeysWithPrefixAsync(string type, string prefix, CancellationToken ct) => inner.KeysWithPrefixAsync(type, prefix, ct);
    public Task<long> CountPrefixAsync(string type, string prefix, CancellationToken ct) => inner.CountPrefixAsync(type, prefix, ct);
    public Task<long> CountAsync(string type, CancellationToken ct) => inner.CountAsync(type, ct);
    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        if (writes.FirstOrDefault(_refused) is { } refused)
            throw new StateStoreException($"{Description}: database or disk is full (refused by the test: a write of {refused.Type}, key {refused.Key})") { Permanent = true };
        return inner.ApplyAsync(writes, ct);
    }
}
