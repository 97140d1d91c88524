using Cohort.Contracts.Access;
using Cohort.Contracts.Audit;
using Cohort.Domain.Audit;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Audit;

/// <summary>
/// The audit log: every append is chained to the last entry (Domain's AuditChain) and durable before it returns; nothing is ever
/// updated or removed, so verification walks the stored chain and names the first entry that was tampered with.
/// </summary>
[GrainType("auditlog")]
public sealed class AuditLogGrain(
    [PersistentState("audit", StorageOptions.ProviderName)] IPersistentState<AuditLogState> state,
    TimeProvider clock) : Grain, IAuditLogGrain
{
    public async Task<AuditRecord> Append(AuditEvent e)
    {
        var last = state.State.Entries.Count > 0 ? ToEntry(state.State.Entries[^1]) : null;
        var actor = RequestContext.Get(AccessContext.ActorKey) as string ?? e.Actor;
        var entry = AuditChain.Append(last, clock.GetUtcNow(), actor, e.Action, e.Target, AccessContext.VerifiedFrom(e.From), e.Detail);
        var record = new AuditRecord(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Target, entry.From, entry.Detail, entry.PreviousHash, entry.Hash);
        state.State.Entries.Add(record);
        await state.WriteStateAsync();
        return record;
    }

    public Task<IReadOnlyList<AuditRecord>> Read(long afterSequence, int count) =>
        Task.FromResult<IReadOnlyList<AuditRecord>>(state.State.Entries.Where(r => r.Sequence > afterSequence).Take(Math.Clamp(count, 1, 10_000)).ToArray());

    public Task<AuditCheck> Verify()
    {
        var v = AuditChain.Verify(state.State.Entries.Select(ToEntry).ToArray());
        return Task.FromResult(new AuditCheck(v.Intact, v.Entries, v.BrokenAt, v.Reason));
    }

    private static AuditEntry ToEntry(AuditRecord r) => new(r.Sequence, r.At, r.Actor, r.Action, r.Target, r.From, r.Detail, r.PreviousHash, r.Hash);
}
