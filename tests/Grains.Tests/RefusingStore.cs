using Cohort.Contracts;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Tests;

/// <summary>
/// A store that, when told to, refuses every transaction that would add a row of the given types (as a full SQLite store refuses a
/// write that needs pages it no longer has while still taking rows rewritten in place), or every transaction that writes them at all.
/// Registered by <see cref="CohortCluster"/> when "Test:RefusingStore" is "true".
/// </summary>
internal sealed class RefusingStore(IStateStore inner) : ForwardingStore(inner)
{
    private volatile Func<StateWrite, bool> _refused = _ => false;

    /// <summary>Refuses new rows of these types from now on (none: the store takes everything again).</summary>
    public void RefuseNewRows(params string[] types) => _refused = w => w.ExpectedVersion is null && w.Data is not null && types.Contains(w.Type);

    /// <summary>Refuses every write of these types from now on, new rows and rewrites alike.</summary>
    public void RefuseWrites(params string[] types) => _refused = w => types.Contains(w.Type);

    public override Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        if (writes.FirstOrDefault(_refused) is { } refused)
            throw new StateStoreException($"{Description}: database or disk is full (refused by the test: a write of {refused.Type}, key {refused.Key})") { Permanent = true };
        return base.ApplyAsync(writes, ct);
    }
}
