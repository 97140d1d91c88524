using Cohort.Contracts.Access;
using Cohort.Contracts.Audit;
using Cohort.Domain.Audit;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Audit;

/// <summary>
/// The audit log: every append is chained to the last entry (Domain's AuditChain) and durable before it returns; nothing is ever
/// updated or removed. Entries live in segments (<see cref="IAuditSegmentGrain"/>), one per UTC day and at most
/// <see cref="SegmentCapacity"/> entries each, so an append rewrites one bounded segment and the log's short list of segments, never
/// the whole history. The chain runs on across segments; verification walks them in order, one in memory at a time, and names the
/// first entry that was tampered with. A store written before segmentation keeps its entries in this grain's state as the first part.
/// </summary>
[GrainType("auditlog")]
public sealed class AuditLogGrain(
    [PersistentState("audit", StorageOptions.ProviderName)] IPersistentState<AuditLogState> state,
    TimeProvider clock) : Grain, IAuditLogGrain
{
    public const int SegmentCapacity = 1000;

    private AuditRecord? _last;
    private int _inCurrent;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The last entry is the newest segment's last (an opened segment may still be empty if the silo stopped between opening it
        // and its first entry): the segment, not this state, is the truth about what was appended.
        _last = state.State.Entries.LastOrDefault();
        for (var i = state.State.Segments.Count - 1; i >= 0; i--)
        {
            var entries = await Segment(state.State.Segments[i].Number).Entries();
            if (i == state.State.Segments.Count - 1) _inCurrent = entries.Count;
            if (entries.Count == 0) continue;
            _last = entries[^1];
            break;
        }
    }

    public async Task<AuditRecord> Append(AuditEvent e)
    {
        var now = clock.GetUtcNow();
        var actor = RequestContext.Get(AccessContext.ActorKey) as string ?? e.Actor;
        var entry = AuditChain.Append(_last is null ? null : ToEntry(_last), now, actor, e.Action, e.Target, AccessContext.VerifiedFrom(e.From), e.Detail);
        var record = new AuditRecord(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Target, entry.From, entry.Detail, entry.PreviousHash, entry.Hash);
        var day = DateOnly.FromDateTime(entry.At.UtcDateTime);
        var current = state.State.Segments.LastOrDefault();
        if (current is null || _inCurrent >= SegmentCapacity || current.Day != day)
        {
            state.State.Segments.Add(new AuditSegmentInfo((current?.Number ?? 0) + 1, entry.Sequence, day));
            await state.WriteStateAsync();
            _inCurrent = 0;
        }
        await Segment(state.State.Segments[^1].Number).Add(record);
        _last = record;
        _inCurrent++;
        return record;
    }

    public async Task<IReadOnlyList<AuditRecord>> Read(long afterSequence, int count)
    {
        count = Math.Clamp(count, 1, 10_000);
        var result = state.State.Entries.Where(r => r.Sequence > afterSequence).Take(count).ToList();
        var segments = state.State.Segments;
        for (var i = 0; i < segments.Count && result.Count < count; i++)
        {
            // A segment ends before the next one's first entry: skip those wholly at or before the sequence asked for.
            if (i + 1 < segments.Count && segments[i + 1].FirstSequence <= afterSequence + 1) continue;
            result.AddRange((await Segment(segments[i].Number).Entries()).Where(r => r.Sequence > afterSequence).Take(count - result.Count));
        }
        return result;
    }

    public async Task<AuditCheck> Verify()
    {
        var (next, previous, total) = (1L, AuditChain.Genesis, 0L);
        var parts = new List<Func<Task<IReadOnlyList<AuditRecord>>>> { () => Task.FromResult<IReadOnlyList<AuditRecord>>(state.State.Entries) };
        parts.AddRange(state.State.Segments.Select(s => (Func<Task<IReadOnlyList<AuditRecord>>>)(() => Segment(s.Number).Entries())));
        foreach (var part in parts)
        {
            var entries = (await part()).Select(ToEntry).ToArray();
            var v = AuditChain.Verify(entries, next, previous);
            // Broken: the count is the whole log's (its last sequence number), so that the newest entries can still be read.
            if (!v.Intact) return new AuditCheck(false, Math.Max(_last?.Sequence ?? 0, total + v.Entries), v.BrokenAt, v.Reason);
            total += entries.Length;
            if (entries.Length == 0) continue;
            (next, previous) = (entries[^1].Sequence + 1, entries[^1].Hash);
        }
        return new AuditCheck(true, total, null, null);
    }

    private IAuditSegmentGrain Segment(long number) => GrainFactory.GetGrain<IAuditSegmentGrain>(number);

    private static AuditEntry ToEntry(AuditRecord r) => new(r.Sequence, r.At, r.Actor, r.Action, r.Target, r.From, r.Detail, r.PreviousHash, r.Hash);
}
