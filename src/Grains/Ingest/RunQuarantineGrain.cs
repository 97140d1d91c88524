using Cohort.Contracts.Ingest;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Ingest;

[GrainType("runquarantine")]
public sealed class RunQuarantineGrain(
    [PersistentState("quarantine", StorageOptions.ProviderName)] IPersistentState<QuarantineState> state) : Grain, IRunQuarantineGrain
{
    /// <summary>The stored type of a run's quarantine, keyed by run id.</summary>
    public const string StateType = "runquarantine/quarantine";

    public async Task Save(IReadOnlyList<QuarantinedRow> rows)
    {
        state.State.Rows = [.. rows];
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<QuarantinedRow>> Get() => Task.FromResult<IReadOnlyList<QuarantinedRow>>(state.State.Rows.ToArray());

    public async Task Clear()
    {
        if (state.RecordExists) await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
