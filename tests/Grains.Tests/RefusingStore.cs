using Cohort.Contracts;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Tests;

/// <summary>
/// A store that, when told to, refuses every transaction that would add a row of the given types, as a full SQLite store refuses a
/// write that needs pages it no longer has while still taking rows rewritten in place. Registered by <see cref="CohortCluster"/> when
/// "Test:RefusingStore" is "true".
/// </summary>
internal sealed class RefusingStore(IStateStore inner) : IStateStore
{
    private volatile string[] _refused = [];

    /// <summary>Refuses new rows of these types from now on (none: the store takes everything again).</summary>
    public void RefuseNewRows(params string[] types) => _refused = types;

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
        var refused = _refused;
        if (writes.FirstOrDefault(w => w.ExpectedVersion is null && w.Data is not null && refused.Contains(w.Type)) is { } added)
            throw new StateStoreException($"{Description}: database or disk is full (refused by the test: a new {added.Type} row, key {added.Key})") { Permanent = true };
        return inner.ApplyAsync(writes, ct);
    }
}
