using Cohort.Contracts.Audit;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Audit;

/// <summary>A segment of the audit log: its entries, appended and never changed; its state is bounded by the segment's capacity.</summary>
[GrainType("auditsegment")]
public sealed class AuditSegmentGrain(
    [PersistentState("audit", StorageOptions.ProviderName)] IPersistentState<AuditLogState> state) : Grain, IAuditSegmentGrain
{
    public async Task Add(AuditRecord record)
    {
        state.State.Entries.Add(record);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<AuditRecord>> Entries() => Task.FromResult<IReadOnlyList<AuditRecord>>(state.State.Entries.ToArray());
}
