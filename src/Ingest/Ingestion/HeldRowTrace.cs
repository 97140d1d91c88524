using Cohort.Contracts.Participants;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Where each row of a held release's batches came from (<see cref="HeldRowGroups.Release"/>): a participant's batch holds their rows
/// from every held part, in the parts' order, so its <c>k</c>th row is the <c>k</c>th of the parts' rows with that participant's slot.
/// The index from batch rows to the parts' rows is built when a shard first reports a repeat (under the run's lock, as every look-up
/// is): a release without repeats never needs it.
/// Every part holds rows (<see cref="HeldRowGroups.Hold"/> keeps none without), so each starts after the one before.
/// </summary>
internal sealed class HeldRowTrace(IReadOnlyList<HeldPart> parts, Dictionary<string, int> slots, ParticipantBatch[] batches)
{
    private int[]? _starts, _rows, _partStarts;

    /// <summary>Row <paramref name="row"/> of <paramref name="participantId"/>'s batch: the batch, its part's block row and source row, file, row group and input.</summary>
    public (ParticipantBatch Batch, int Row, int BlockRow, long SourceRow, string File, int RowGroup, int Input) Row(string participantId, int row)
    {
        var slot = slots[participantId];
        if (_rows is null) Index();
        var held = _rows![_starts![slot] + row];
        var p = Array.BinarySearch(_partStarts!, held);
        if (p < 0) p = ~p - 1;
        var part = parts[p];
        var blockRow = part.BlockRow[held - _partStarts![p]];
        return (batches[slot], row, blockRow, part.Origin.Of(blockRow), part.File, part.RowGroup, part.Input);
    }

    private void Index()
    {
        var starts = new int[batches.Length + 1];
        for (var s = 0; s < batches.Length; s++) starts[s + 1] = starts[s] + batches[s].Observations.Count;
        var rows = new int[starts[^1]];
        var next = starts[..^1];
        var partStarts = new int[parts.Count];
        var at = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            partStarts[p] = at;
            var slot = parts[p].Slot;
            for (var i = 0; i < parts[p].Rows; i++) rows[next[slot[i]]++] = at + i;
            at += parts[p].Rows;
        }
        (_starts, _rows, _partStarts) = (starts, rows, partStarts);
    }
}
