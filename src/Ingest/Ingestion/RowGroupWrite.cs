using System.Buffers;
using Cohort.Contracts.Participants;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// One row group's participant batches on their way to the shards, with the block row of every batch row (in batch order:
/// <see cref="ParticipantBatches"/>) and where the block's rows came from (<see cref="RowOrigin"/>), so that a row a shard does not
/// take because the run had already given its natural key (<see cref="RunRepeat"/>: from an earlier row group or file) is quarantined
/// at its own row, as the validator's rejections are, and can be read again from its file (<see cref="RunQuarantine"/>). The block rows
/// are in an array from the run's pool, given back once the row group's writes are done (<see cref="Return"/>). Several row groups held
/// back and sent at once (<see cref="Combine"/>) are one write with each participant's rows joined in their order, each row still
/// traced to its own row group.
/// </summary>
internal sealed class RowGroupWrite(string file, int rowGroup, List<(string Id, ParticipantBatch Batch)> batches, int input = -1,
    RowOrigin origin = default, int[]? blockRows = null, ArrayPool<int>? pool = null)
{
    private Dictionary<string, (int Start, ParticipantBatch Batch)>? _byParticipant;

    /// <summary>
    /// For a combined write: each participant's joined batch and its parts, in order, with the first row of each in the joined batch and
    /// in its part's block rows (the parts keep no batches once joined: only their block rows and origin, for the quarantine).
    /// </summary>
    private Dictionary<string, (ParticipantBatch Batch, List<(int Start, int PartStart, RowGroupWrite Part)> Parts)>? _parts;

    private List<RowGroupWrite>? _combined;

    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether this is row groups held back and sent together (<see cref="Combine"/>).</summary>
    public bool Held => _combined is not null;

    /// <summary>Done once the write stage has written every batch and given the write back (<see cref="Return"/>).</summary>
    public Task Written => _written.Task;

    public string File => file;

    /// <summary>The place of the row group's input among the run's (two inputs may have the same file name).</summary>
    public int Input => input;
    public int RowGroup => rowGroup;
    public List<(string Id, ParticipantBatch Batch)> Batches => batches;

    /// <summary>The rows a batch holds, over every participant (what a held write counts towards its bound).</summary>
    public long Rows { get; } = batches.Sum(b => (long)b.Batch.Observations.Count);

    /// <summary>
    /// Where row <paramref name="row"/> of <paramref name="participantId"/>'s batch came from: the row group's own batch and the row in
    /// it, its block row and source row (-1 when the rows were not noted), and its file, row group and input.
    /// </summary>
    public (ParticipantBatch Batch, int Row, int BlockRow, long SourceRow, string File, int RowGroup, int Input) Row(string participantId, int row)
    {
        if (_parts is not null)
        {
            var (joined, parts) = _parts[participantId];
            var k = parts.Count - 1;
            while (parts[k].Start > row) k--;
            var (start, partStart, part) = parts[k];
            var (partBlockRow, partSourceRow) = part.Source(partStart + row - start);
            return (joined, row, partBlockRow, partSourceRow, part.File, part.RowGroup, part.Input);
        }
        if (_byParticipant is null)
        {
            // Built when a shard first reports a repeat: a row group of a file without them never needs it.
            _byParticipant = new Dictionary<string, (int, ParticipantBatch)>(batches.Count, StringComparer.Ordinal);
            var start = 0;
            foreach (var (id, batch) in batches)
            {
                _byParticipant[id] = (start, batch);
                start += batch.Observations.Count;
            }
        }
        var (first, b) = _byParticipant[participantId];
        var (blockRow, sourceRow) = Source(first + row);
        return (b, row, blockRow, sourceRow, file, rowGroup, input);
    }

    /// <summary>The block row and source row of the <paramref name="k"/>th batch row, in batch order (-1 when not noted).</summary>
    private (int BlockRow, long SourceRow) Source(int k) => blockRows is null ? (-1, -1) : (blockRows[k], origin.Of(blockRows[k]));

    /// <summary>
    /// Row groups held back, as one write: each participant once, their rows from every part joined in the parts' order (a batch that
    /// may repeat a key where two parts share a time: <see cref="ParticipantBatch.MayRepeat"/>), in order of first appearance. The
    /// parts give up their batches once joined, so that the rows are not held twice while the write is written.
    /// </summary>
    public static RowGroupWrite Combine(IReadOnlyList<RowGroupWrite> parts)
    {
        var joined = new List<(string Id, List<ParticipantBatch> Batches, List<(int Start, int PartStart, RowGroupWrite Part)> Parts, int Rows)>();
        var slot = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var partStart = 0;
            foreach (var (id, batch) in part.Batches)
            {
                if (!slot.TryGetValue(id, out var s))
                {
                    slot[id] = s = joined.Count;
                    joined.Add((id, [], [], 0));
                }
                var (_, list, from, rows) = joined[s];
                from.Add((rows, partStart, part));
                list.Add(batch);
                joined[s] = (id, list, from, rows + batch.Observations.Count);
                partStart += batch.Observations.Count;
            }
        }
        // Joined on every core: at 100,000 participants in 62 row groups, 1.9 s on one.
        var joinedBatches = new ParticipantBatch[joined.Count];
        try
        {
            Parallel.For(0, joined.Count, k => joinedBatches[k] = Join(joined[k].Id, joined[k].Batches));
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<IngestException>().FirstOrDefault() is { } refused)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
        }
        var batches = new List<(string, ParticipantBatch)>(joined.Count);
        var byId = new Dictionary<string, (ParticipantBatch, List<(int, int, RowGroupWrite)>)>(joined.Count, StringComparer.Ordinal);
        for (var k = 0; k < joined.Count; k++)
        {
            var (id, _, from, _) = joined[k];
            batches.Add((id, joinedBatches[k]));
            byId[id] = (joinedBatches[k], from);
        }
        foreach (var part in parts) part.Batches.Clear();
        return new RowGroupWrite(parts.Count > 0 ? parts[0].File : "", -1, batches) { _parts = byId, _combined = [.. parts] };
    }

    /// <summary>One participant's batches as one, in order; one batch stays as it is.</summary>
    private static ParticipantBatch Join(string participantId, List<ParticipantBatch> batches)
    {
        if (batches.Count == 1) return batches[0];
        var c = ObservationColumns.Sized(batches.Sum(b => b.Observations.Count), batches[0].Observations.Runs);
        var spellings = new List<string>(2);
        Span<byte> joinedUnit = stackalloc byte[ObservationColumns.MaxUnitSpellings];
        var at = 0;
        foreach (var b in batches)
        {
            var o = b.Observations;
            o.Marker.CopyTo(c.Marker, at);
            o.TakenAt.CopyTo(c.TakenAt, at);
            o.OgttMinute.CopyTo(c.OgttMinute, at);
            o.Value.CopyTo(c.Value, at);
            o.RawValue.CopyTo(c.RawValue, at);
            o.Fasting.CopyTo(c.Fasting, at);
            o.Flags.CopyTo(c.Flags, at);
            // Each of the batch's own spellings (one or two, as a rule) looked up once, then its rows' units mapped through them.
            for (var u = 0; u < o.UnitSpellings.Length; u++) joinedUnit[u] = ParticipantBatches.Spelling(spellings, o.UnitSpellings[u], participantId);
            for (var i = 0; i < o.Count; i++) c.RawUnit[at + i] = joinedUnit[o.RawUnit[i]];
            at += o.Count;
        }
        c.UnitSpellings = [.. spellings];
        return batches[^1] with { Observations = c, MarkersVersion = batches.Max(b => b.MarkersVersion), MayRepeat = MayRepeat(batches) };
    }

    /// <summary>
    /// Whether batches joined may give a natural key twice. Each holds a key once (one row group's rows, which the validator checked),
    /// so a key can come twice only at a time two of them share: batches whose times do not overlap (a file sorted by time gives each
    /// visit in its own row group) are joined into a batch the shard takes whole, without looking its rows up one by one (in a 100k × 4
    /// file sorted by time that look-up was a twentieth of the run's CPU).
    /// </summary>
    private static bool MayRepeat(List<ParticipantBatch> batches)
    {
        if (batches.Any(b => b.MayRepeat)) return true;
        var times = batches.Where(b => b.Observations.Count > 0).Select(b => (First: b.Observations.TakenAt.Min(), Last: b.Observations.TakenAt.Max())).ToArray();
        Array.Sort(times);
        for (var k = 1; k < times.Length; k++)
            if (times[k].First <= times[k - 1].Last) return true;
        return false;
    }

    public void Return()
    {
        if (_combined is not null) foreach (var part in _combined) part.Return();
        if (blockRows is not null) pool?.Return(blockRows);
        _written.TrySetResult();
    }
}
