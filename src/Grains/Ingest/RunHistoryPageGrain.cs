using Cohort.Contracts.Ingest;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Ingest;

/// <summary>A page of the run history: a bounded list of run summaries that the runs grain writes whole and reads once per activation.</summary>
[GrainType("runhistorypage")]
public sealed class RunHistoryPageGrain(
    [PersistentState("page", StorageOptions.ProviderName)] IPersistentState<RunHistoryPageState> state) : Grain, IRunHistoryPageGrain
{
    public Task<IReadOnlyList<RunSummary>> Runs()
    {
        // Read when the runs grain activates, which keeps the history in memory from then on: this copy need not stay.
        DeactivateOnIdle();
        return Task.FromResult<IReadOnlyList<RunSummary>>(state.State.Runs.ToArray());
    }

    public async Task Write(IReadOnlyList<RunSummary> runs)
    {
        state.State.Runs = [.. runs];
        await state.WriteStateAsync();
    }

    public async Task Clear()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
