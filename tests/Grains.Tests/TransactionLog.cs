using Cohort.Grains.Storage;

namespace Cohort.Grains.Tests;

/// <summary>
/// A store that keeps, in commit order, what each transaction it committed wrote: whether it was synced at its commit, and each write's
/// type, key and whether it was staged. Registered by <see cref="CohortCluster"/> when "Test:RecordTransactions" is "true".
/// </summary>
internal sealed class TransactionLog(IStateStore inner) : IStateStore
{
    public sealed record Transaction(bool Synced, IReadOnlyList<(string Type, string Key, bool Staged)> Writes);

    private readonly List<Transaction> _committed = [];

    public IReadOnlyList<Transaction> Committed
    {
        get
        {
            lock (_committed) return [.. _committed];
        }
    }

    public string Description => inner.Description;
    public Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);
    public Task<StoredState?> ReadAsync(string type, string key, CancellationToken ct) => inner.ReadAsync(type, key, ct);
    public Task<Dictionary<string, StoredState>> ReadManyAsync(string type, IReadOnlyCollection<string> keys, CancellationToken ct) => inner.ReadManyAsync(type, keys, ct);
    public Task<List<string>> KeysWithPrefixAsync(string type, string prefix, CancellationToken ct) => inner.KeysWithPrefixAsync(type, prefix, ct);
    public Task<long> CountPrefixAsync(string type, string prefix, CancellationToken ct) => inner.CountPrefixAsync(type, prefix, ct);
    public Task<long> CountAsync(string type, CancellationToken ct) => inner.CountAsync(type, ct);
    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public async Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        // One writer (the group commit) calls this at a time, so the order recorded is the order of the commits.
        var applied = await inner.ApplyAsync(writes, ct);
        lock (_committed) _committed.Add(new Transaction(StateWrite.SyncAtCommit(writes), [.. writes.Select(w => (w.Type, w.Key, w.Staged))]));
        return applied;
    }
}
