using Cohort.Contracts.Ingest;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Ingest;

[GrainType(TypeName)]
public sealed class RunQuarantineGrain(
    [PersistentState(RunQuarantineGrain.StateName, StorageOptions.ProviderName)] IPersistentState<QuarantineState> state) : Grain, IRunQuarantineGrain
{
    public const string TypeName = "runquarantine", StateName = "quarantine";

    /// <summary>The stored type of a run's quarantine, keyed by run id: what the grain's persistent state writes.</summary>
    public static readonly string StateType = GroupCommitGrainStorage.TypeOf(StateName, GrainId.Create(TypeName, "_"));

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
