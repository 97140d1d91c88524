using System.Runtime.InteropServices;
using Cohort.Contracts.Participants;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Splits a row group's accepted rows into one columnar batch per participant, in order of first appearance. Two passes: count each
/// participant's rows, then fill arrays of exactly that size (no per-participant lists growing row by row). Given room for them
/// (<paramref name="blockRows"/>), it also notes each batch row's row in the block it was accepted from, in batch order (the first
/// batch's rows, then the second's, ...): see <see cref="RowGroupWrite"/>.
/// </summary>
public static class ParticipantBatches
{
    public static List<(string Id, ParticipantBatch Batch)> Build(List<AcceptedRow> accepted, string runId, FactorsUsed factors,
        IReadOnlyDictionary<string, Demographics?> people, int markersVersion = 0, int[]? blockRows = null) =>
        Build(accepted, 0, accepted.Count, runId, factors, people, markersVersion, blockRows);

    /// <summary>The batches of the <paramref name="count"/> accepted rows from <paramref name="start"/> (a part of a row group's).</summary>
    public static List<(string Id, ParticipantBatch Batch)> Build(List<AcceptedRow> accepted, int start, int count, string runId, FactorsUsed factors,
        IReadOnlyDictionary<string, Demographics?> people, int markersVersion = 0, int[]? blockRows = null)
    {
        // Each row's participant slot, in an array from the shared pool: one row group's worth (megabytes) per call otherwise.
        var slotOfRow = System.Buffers.ArrayPool<int>.Shared.Rent(count);
        try
        {
            return Build(CollectionsMarshal.AsSpan(accepted).Slice(start, count), slotOfRow, runId, factors, people, markersVersion, blockRows);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(slotOfRow);
        }
    }

    private static List<(string Id, ParticipantBatch Batch)> Build(ReadOnlySpan<AcceptedRow> accepted, int[] slotOfRow, string runId, FactorsUsed factors,
        IReadOnlyDictionary<string, Demographics?> people, int markersVersion, int[]? blockRows)
    {
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        var counts = new List<int>();
        string? previous = null;
        var slot = -1;
        for (var i = 0; i < accepted.Length; i++)
        {
            var id = accepted[i].ParticipantId;
            if (!ReferenceEquals(id, previous))
            {
                previous = id;
                if (!slots.TryGetValue(id, out slot))
                {
                    slots[id] = slot = ids.Count;
                    ids.Add(id);
                    counts.Add(0);
                }
            }
            slotOfRow[i] = slot;
            counts[slot]++;
        }

        var columns = new ObservationColumns[ids.Count];
        var spellings = new List<string>[ids.Count];
        var starts = blockRows is null ? null : new int[ids.Count];
        string[] runs = [runId];
        for (int s = 0, start = 0; s < columns.Length; s++)
        {
            var n = counts[s];
            if (starts is not null) (starts[s], start) = (start, start + n);
            columns[s] = ObservationColumns.Sized(n, runs);
            spellings[s] = new List<string>(2);
            counts[s] = 0;
        }
        for (var i = 0; i < accepted.Length; i++)
        {
            ref readonly var r = ref accepted[i];
            var s = slotOfRow[i];
            var c = columns[s];
            var j = counts[s]++;
            c.Marker[j] = (byte)r.Marker;
            c.TakenAt[j] = r.TakenAtMs;
            c.OgttMinute[j] = r.OgttMinute;
            c.Value[j] = r.Value;
            c.RawValue[j] = r.RawValue;
            c.RawUnit[j] = Spelling(spellings[s], r.RawUnit, ids[s]);
            c.Fasting[j] = r.Fasting;
            c.Flags[j] = r.Flags;
            if (starts is not null) blockRows![starts[s] + j] = r.Row;
        }
        var batches = new List<(string, ParticipantBatch)>(ids.Count);
        for (var s = 0; s < ids.Count; s++)
        {
            columns[s].UnitSpellings = [.. spellings[s]];
            batches.Add((ids[s], new ParticipantBatch(runId, factors, people[ids[s]], columns[s]) { MarkersVersion = markersVersion }));
        }
        return batches;
    }

    /// <summary>
    /// The index of a unit spelling in a participant's <paramref name="spellings"/>, added when new; a participant whose rows name more
    /// spellings than a batch can hold (<see cref="ObservationColumns.MaxUnitSpellings"/>) fails the run with a message naming them.
    /// </summary>
    internal static byte Spelling(List<string> spellings, string spelling, string participantId)
    {
        // A participant's few spellings, searched without the list's generic search: a reader hands over one string per distinct unit
        // (its string pool), so the spelling is nearly always the same object as the one held, which string equality finds first.
        var held = CollectionsMarshal.AsSpan(spellings);
        for (var k = 0; k < held.Length; k++)
            if (string.Equals(held[k], spelling)) return (byte)k;
        if (spellings.Count == ObservationColumns.MaxUnitSpellings)
            throw new IngestException($"participant {participantId}: the rows name more than {ObservationColumns.MaxUnitSpellings} different unit spellings (one participant's results can carry at most that many)");
        spellings.Add(spelling);
        return (byte)(spellings.Count - 1);
    }
}
