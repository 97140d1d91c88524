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
        state.State.Entry = entry;
        await state.WriteStateAsync();
        // Written once a run and seldom read again: nothing to keep in memory.
        DeactivateOnIdle();
    }
}
