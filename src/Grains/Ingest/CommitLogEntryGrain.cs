using Cohort.Contracts.Ingest;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Ingest;

/// <summary>A recorded run's entry in the commit log (see <see cref="ICommitLogEntryGrain"/>).</summary>
[GrainType("commitlogentry")]
public sealed class CommitLogEntryGrain(
    [PersistentState("entry", StorageOptions.ProviderName)] IPersistentState<CommitLogEntryState> state) : Grain, ICommitLogEntryGrain
{
    public Task<RunCommit?> Entry() => Task.FromResult(state.State.Entry);

    public async Task Keep(RunCommit entry)
    {
        // A decision is final: the same run recorded again keeps it, and nothing may turn an abandoned run into a committed one.
        if (state.State.Entry is { } kept && (kept.State, kept.Epoch) != (entry.State, entry.Epoch))
            throw new RunNotOpenException($"run {entry.RunId} was already {kept.State.ToString().ToLowerInvariant()}: its commit entry cannot change");
        state.State.Entry = entry;
        // Written once a run and seldom read again: nothing to keep in memory, nor an entry the store refused (it is read again).
        try { await state.WriteStateAsync(); }
        finally { DeactivateOnIdle(); }
    }
}
