namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Row groups held back from the shards and sent together. A file sorted by participant gives each participant's rows in one row group
/// (or two, at a boundary), and each row group is written as it is read. A file in another order, as a laboratory system exports by
/// the time samples were taken, gives a participant's visits in row groups far apart, and writing each row group as it came merged,
/// derived and stored every participant once per row group that named them (a 100k × 4 extract sorted by time: 0.23 M observations/s
/// against 1.1 M sorted by participant). Once participants recur across row groups, the run holds its row groups back until they
/// hold <see cref="RowsBound"/> observations or the files end, and sends them as one write (<see cref="RowGroupWrite.Combine"/>): each
/// participant then once per release, with their rows from every held row group.
/// </summary>
internal sealed class HeldRowGroups(long? bound = null)
{
    /// <summary>
    /// The observations held at most before they are sent: a third of the memory the process may use, at about 96 bytes an
    /// observation held (as batches, then joined when sent, with the collector's room: a 1M × 4 run that held its whole file of
    /// 75.6 M peaked at 12.4 GB against 5.2 GB written as read), and at least a million. On a 24 GB machine that is 87 M, a 1M × 4
    /// cohort's whole file; a larger file is sent in several releases, each participant at most once per release. Smaller releases
    /// cost more than they save: each one writes nearly every participant again. One release is alive at a time: the run reads on
    /// only once a release sent before the files end is written (<see cref="RowGroupWrite.Written"/>), so that a release being
    /// written, one waiting to be and one being held never add up to the whole of memory.
    /// </summary>
    public static long RowsBound { get; } = Math.Max(1_000_000, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 3 / 96);

    /// <summary>The observations this run holds at most (<see cref="IngestRequest.HeldRowsMax"/>, else <see cref="RowsBound"/>).</summary>
    public long Bound { get; } = bound ?? RowsBound;

    private readonly List<RowGroupWrite> _held = [];
    private long _rows;

    public int Count => _held.Count;

    /// <summary>Holds a row group's write; true when what is held has reached the bound and is to be released.</summary>
    public bool Hold(RowGroupWrite write)
    {
        _held.Add(write);
        _rows += write.Rows;
        return _rows >= Bound;
    }

    /// <summary>What is held, as one write; holds nothing after.</summary>
    public RowGroupWrite Release()
    {
        var write = RowGroupWrite.Combine(_held);
        _held.Clear();
        _rows = 0;
        return write;
    }
}
