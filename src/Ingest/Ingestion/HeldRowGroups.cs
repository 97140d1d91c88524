using Cohort.Contracts.Participants;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Row groups held back from the shards and sent together. A file sorted by participant gives each participant's rows in one row group
/// (or two, at a boundary), and each row group is written as it is read. A file in another order, as a laboratory system exports by
/// the time samples were taken, gives a participant's visits in row groups far apart, and writing each row group as it came merged,
/// derived and stored every participant once per row group that named them (a 100k × 4 extract sorted by time: 0.23 M observations/s
/// against 1.1 M sorted by participant). Once participants recur across row groups, the run holds its row groups' accepted rows back,
/// column by column (<see cref="HeldPart"/>), until they hold <see cref="Bound"/> observations or the files end, and then sends them
/// as one write (<see cref="Release"/>), each participant's batch built from every held row group as its shard write is sent: each
/// participant once per release.
/// </summary>
internal sealed class HeldRowGroups(string runId, FactorsUsed factors, IReadOnlyDictionary<string, Demographics?> people, int markersVersion, long? bound = null)
{
    /// <summary>
    /// The observations held at most before they are sent: a third of the memory the process may use, at about 96 bytes an
    /// observation held (41 in the held parts and 4 in the release's index, the batches of the writes in flight, and the collector's room), and at least a
    /// million. On a 24 GB machine that is 87 M, a 1M × 4 cohort's whole file; a larger file is sent in several releases, each
    /// participant at most once per release. Smaller releases cost more than they save: each one writes nearly every participant again.
    /// One release is alive at a time: the run reads on only once a release sent before the files end is written
    /// (<see cref="RowGroupWrite.Written"/>), so that a release being written, one waiting to be and one being held never add up to the
    /// whole of memory.
    /// </summary>
    public static long RowsBound { get; } = Math.Max(1_000_000, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 3 / 96);

    /// <summary>The observations this run holds at most (<see cref="IngestRequest.HeldRowsMax"/>, else <see cref="RowsBound"/>), within what one release can index.</summary>
    public long Bound { get; } = Math.Min(bound ?? RowsBound, 1L << 30);

    private List<HeldPart> _parts = [];
    private Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private List<string> _ids = [];
    private long _rows;

    // The unit spellings the held rows name, each once: looked up by reference first (a reader gives the same string for a spelling).
    private readonly List<string> _units = [];
    private readonly Dictionary<string, int> _unitByText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _unitByReference = new(ReferenceEqualityComparer.Instance);

    /// <summary>The row groups held.</summary>
    public int Count => _parts.Count;

    /// <summary>
    /// Holds a row group's accepted rows (from <paramref name="file"/>'s row group <paramref name="rowGroup"/>, the run's input
    /// <paramref name="input"/>), telling <paramref name="firstHeld"/> of each participant the release did not hold yet; true when what
    /// is held has reached the bound and is to be released.
    /// </summary>
    public bool Hold(List<AcceptedRow> accepted, string file, int rowGroup, int input, RowOrigin origin, Action<string> firstHeld)
    {
        if (accepted.Count == 0) return false;
        var part = new HeldPart(file, rowGroup, input, origin, accepted.Count);
        string? previous = null;
        var slot = -1;
        for (var i = 0; i < accepted.Count; i++)
        {
            var r = accepted[i];
            if (!ReferenceEquals(r.ParticipantId, previous))
            {
                previous = r.ParticipantId;
                if (!_slots.TryGetValue(previous, out slot))
                {
                    _slots[previous] = slot = _ids.Count;
                    _ids.Add(previous);
                    firstHeld(previous);
                }
            }
            part.Slot[i] = slot;
            part.BlockRow[i] = r.Row;
            part.Marker[i] = (byte)r.Marker;
            part.TakenAt[i] = r.TakenAtMs;
            part.OgttMinute[i] = r.OgttMinute;
            part.Value[i] = r.Value;
            part.RawValue[i] = r.RawValue;
            part.Unit[i] = Unit(r.RawUnit);
            part.Fasting[i] = r.Fasting;
            part.Flags[i] = r.Flags;
        }
        _parts.Add(part);
        _rows += accepted.Count;
        return _rows >= Bound;
    }

    private int Unit(string spelling)
    {
        if (_unitByReference.TryGetValue(spelling, out var u)) return u;
        if (!_unitByText.TryGetValue(spelling, out u))
        {
            _unitByText[spelling] = u = _units.Count;
            _units.Add(spelling);
        }
        // A source whose every row gives a new string for a spelling does not grow the look-up by reference without end.
        if (_unitByReference.Count < 4096) _unitByReference[spelling] = u;
        return u;
    }

    /// <summary>
    /// What is held, as one write: each participant's rows from every held row group in one batch, in the row groups' order, the
    /// participants in order of first appearance; holds nothing after. The batches are built as their writes are sent
    /// (<see cref="HeldRelease"/>). A batch whose rows from two row groups share a time may give a natural key twice
    /// (<see cref="ParticipantBatch.MayRepeat"/>: the shard looks its rows up one by one); one whose row groups' times do not meet (a
    /// file sorted by time gives each visit in its own row group) is taken whole.
    /// </summary>
    public RowGroupWrite Release()
    {
        var (parts, slots, ids) = (_parts, _slots, _ids);
        (_parts, _slots, _ids, _rows) = ([], new Dictionary<string, int>(StringComparer.Ordinal), [], 0);
        return new RowGroupWrite(new HeldRelease(runId, factors, people, markersVersion, parts, slots, ids, [.. _units]));
    }
}
