using Cohort.Grains.Storage;

namespace Cohort.Grains.Tests;

/// <summary>
/// A store that keeps, in commit order, what each transaction it committed wrote: whether it was synced at its commit, and each write's
/// type, key and whether it was staged. Registered by <see cref="CohortCluster"/> when "Test:RecordTransactions" is "true".
/// </summary>
internal sealed class TransactionLog(IStateStore inner) : ForwardingStore(inner)
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

    public override async Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        // One writer (the group commit) calls this at a time, so the order recorded is the order of the commits.
        var applied = await base.ApplyAsync(writes, ct);
        lock (_committed) _committed.Add(new Transaction(StateWrite.SyncAtCommit(writes), [.. writes.Select(w => (w.Type, w.Key, w.Staged))]));
        return applied;
    }
}
