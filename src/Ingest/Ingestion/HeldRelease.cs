using Cohort.Contracts.Participants;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Row groups held back and released together (<see cref="HeldRowGroups.Release"/>): each participant's rows from every held part,
/// found through an index of the parts' rows by participant, built once per release (a counting sort by slot, 4 bytes a held row).
/// A participant's batch is built from it only when its shard write is about to be sent (<see cref="Batch"/>), so that batches die
/// young. Built all at once before the first write, every batch of a 1M × 4 release lived until its own write, tens of seconds
/// later, and the collector copied about 3 GB of them twice while the release was built (out of gen 0, then gen 1: 4.3 s of pauses in
/// a 19 s build). The parts keep their rows until the release is written; a repeat a shard reports is traced back through the index
/// to its part's row (<see cref="Row"/>).
/// Every part holds rows (<see cref="HeldRowGroups.Hold"/> keeps none without), so each starts after the one before.
/// </summary>
internal sealed class HeldRelease
{
    private readonly string _runId;
    private readonly FactorsUsed _factors;
    private readonly IReadOnlyDictionary<string, Demographics?> _people;
    private readonly int _markersVersion;
    private readonly List<HeldPart> _parts;
    private readonly Dictionary<string, int> _slots;
    private readonly string[] _units;
    private readonly int[] _starts, _rows, _partStarts;

    public HeldRelease(string runId, FactorsUsed factors, IReadOnlyDictionary<string, Demographics?> people, int markersVersion,
        List<HeldPart> parts, Dictionary<string, int> slots, List<string> ids, string[] units)
    {
        (_runId, _factors, _people, _markersVersion, _parts, _slots, Ids, _units) = (runId, factors, people, markersVersion, parts, slots, ids, units);
        var starts = new int[ids.Count + 1];
        foreach (var part in parts)
            foreach (var s in part.Slot) starts[s + 1]++;
        for (var s = 0; s < ids.Count; s++) starts[s + 1] += starts[s];
        var rows = new int[starts[^1]];
        var next = starts[..^1];
        var partStarts = new int[parts.Count];
        var at = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            partStarts[p] = at;
            var slot = parts[p].Slot;
            for (var i = 0; i < slot.Length; i++) rows[next[slot[i]]++] = at + i;
            at += slot.Length;
        }
        (_starts, _rows, _partStarts) = (starts, rows, partStarts);
    }

    /// <summary>The participants, in order of first appearance (their slots).</summary>
    public List<string> Ids { get; }

    /// <summary>The rows held in the release, over every participant (the length of its index).</summary>
    public long Rows => _rows.Length;

    /// <summary>The rows the participant in slot <paramref name="slot"/> has in the release.</summary>
    public int RowsOf(int slot) => _starts[slot + 1] - _starts[slot];

    /// <summary>The file the release's first row group came from.</summary>
    public string File => _parts[0].File;

    /// <summary>
    /// The batch of the participant in slot <paramref name="slot"/>: their rows from every held part, in the parts' order, each unit
    /// spelling named once; built afresh on each call (safe from several threads at once: the release is only read).
    /// </summary>
    public ParticipantBatch Batch(int slot)
    {
        var (first, n) = (_starts[slot], RowsOf(slot));
        var c = ObservationColumns.Sized(n, [_runId]);
        var spellings = new List<string>(2);
        var times = new HeldTimes();
        var (lastUnit, lastSpelling) = (-1, (byte)0);
        var p = 0;
        for (var j = 0; j < n; j++)
        {
            var held = _rows[first + j];
            // A participant's rows come part by part, in order: the part is found by moving on, not by searching.
            while (p + 1 < _partStarts.Length && _partStarts[p + 1] <= held) p++;
            var (part, i) = (_parts[p], held - _partStarts[p]);
            c.Marker[j] = part.Marker[i];
            c.TakenAt[j] = part.TakenAt[i];
            c.OgttMinute[j] = part.OgttMinute[i];
            c.Value[j] = part.Value[i];
            c.RawValue[j] = part.RawValue[i];
            var unit = part.Unit[i];
            if (unit != lastUnit) (lastUnit, lastSpelling) = (unit, ParticipantBatches.Spelling(spellings, _units[unit], Ids[slot]));
            c.RawUnit[j] = lastSpelling;
            c.Fasting[j] = part.Fasting[i];
            c.Flags[j] = part.Flags[i];
            times.Add(p, part.TakenAt[i]);
        }
        c.UnitSpellings = [.. spellings];
        return new ParticipantBatch(_runId, _factors, _people[Ids[slot]], c) { MarkersVersion = _markersVersion, MayRepeat = times.MayRepeat };
    }

    /// <summary>
    /// Row <paramref name="row"/> of <paramref name="participantId"/>'s batch: the batch (built again), its part's block row and source
    /// row, file, row group and input. Called under the run's lock (not from several threads at once).
    /// </summary>
    public (ParticipantBatch Batch, int Row, int BlockRow, long SourceRow, string File, int RowGroup, int Input) Row(string participantId, int row)
    {
        var slot = _slots[participantId];
        // A shard reports a participant's repeats together: their batch is built once for them (the caller holds the run's lock).
        if (_traced?.Slot != slot) _traced = (slot, Batch(slot));
        var held = _rows[_starts[slot] + row];
        var p = Array.BinarySearch(_partStarts, held);
        if (p < 0) p = ~p - 1;
        var part = _parts[p];
        var blockRow = part.BlockRow[held - _partStarts[p]];
        return (_traced.Value.Batch, row, blockRow, part.Origin.Of(blockRow), part.File, part.RowGroup, part.Input);
    }

    private (int Slot, ParticipantBatch Batch)? _traced;
}
