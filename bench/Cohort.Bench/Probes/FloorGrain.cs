using Cohort.Contracts.Participants;
using Cohort.Grains.Storage;

namespace Cohort.Bench.Probes;

/// <summary>A probe: the least a participant-shaped grain can do (activate with persistent state, accept a batch, write once).</summary>
[Alias("Cohort.Bench.Probes.IFloorGrain")]
public interface IFloorGrain : IGrainWithStringKey
{
    [Alias("Take")]
    Task<int> Take(ParticipantBatch batch, bool write);
}

public sealed class FloorGrain([PersistentState("floor", StorageOptions.ProviderName)] IPersistentState<ObservationColumns> state) : Grain, IFloorGrain
{
    public async Task<int> Take(ParticipantBatch batch, bool write)
    {
        if (write)
        {
            state.State = batch.Observations;
            await state.WriteStateAsync();
        }
        return batch.Observations.Count;
    }
}
