using Cohort.Contracts.Ingest;
using Parquet;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// The rows a run quarantines: at most <paramref name="limit"/>, and those the first in the order of the run's files, row groups and
/// rows, whatever order they are found in. The validator rejects a row group's rows in order, but a result repeated from an earlier row
/// group or file is only found by the shards when the row group is written (<see cref="RunRepeat"/>), while later row groups are being
/// validated; keeping whichever came first would make the rows kept past the limit depend on timing, so that the same file ingested
/// twice kept different rows. A repeat's raw values are first as the run took them (from its batch: the block is given back by then)
/// and are read again from its file once the run has read everything (<see cref="ReadRepeatsAgainAsync"/>), so that the quarantine
/// shows the row as the file has it, as it does the validator's rejections; a row read again that is not the one the run took (the
/// file changed during the run) is not believed, and the run's message says so.
/// </summary>
internal sealed class RunQuarantine(int limit)
{
    private readonly Dictionary<string, int> _files = new(StringComparer.Ordinal);

    /// <summary>The rows kept, the last in the files' order at the head, so that a row found later but earlier in the files displaces it.</summary>
    private readonly PriorityQueue<Kept, Position> _kept = new(Comparer<Position>.Create((a, b) => b.CompareTo(a)));

    public int Count => _kept.Count;

    /// <summary>The run's files in the order it reads them (rows of a file not named here order after those of every file named).</summary>
    public void Files(IEnumerable<string> files)
    {
        foreach (var f in files) _files.TryAdd(f, _files.Count);
    }

    /// <summary>Keeps <paramref name="row"/>, the block's row <paramref name="blockRow"/>, if it is among the first of the run's rows so far.</summary>
    public void Add(QuarantinedRow row, int blockRow, bool repeat)
    {
        if (limit <= 0) return;
        if (!_files.TryGetValue(row.File, out var file)) _files[row.File] = file = _files.Count;
        var at = new Position(file, row.RowGroup, blockRow);
        if (_kept.Count < limit) _kept.Enqueue(new Kept(row, repeat), at);
        else if (_kept.TryPeek(out _, out var last) && at.CompareTo(last) < 0) _kept.DequeueEnqueue(new Kept(row, repeat), at);
    }

    /// <summary>The rows kept, in the order of the files, row groups and rows.</summary>
    public List<QuarantinedRow> InFileOrder() => [.. _kept.UnorderedItems.OrderBy(k => k.Priority).Select(k => k.Element.Row)];

    /// <summary>
    /// Reads the row groups of the repeats kept again from their <paramref name="sources"/> (one read each), and replaces each repeat's
    /// raw values with its row as read. Returns what could not be read again (the repeats concerned keep the values the run took), or null.
    /// </summary>
    public async Task<string?> ReadRepeatsAgainAsync(IReadOnlyList<IObservationSource> sources, CancellationToken ct)
    {
        var repeats = _kept.UnorderedItems.Where(k => k.Element.Repeat && k.Priority.Row >= 0).ToList();
        if (repeats.Count == 0) return null;
        var failures = new List<string>();
        var all = _kept.UnorderedItems.Where(k => !(k.Element.Repeat && k.Priority.Row >= 0)).ToList();
        foreach (var group in repeats.GroupBy(k => (k.Element.Row.File, k.Priority.RowGroup)))
        {
            var source = sources.FirstOrDefault(s => s.File == group.Key.File);
            ObservationBlock? block = null;
            try
            {
                if (source is not null)
                {
                    long firstRow = 0;
                    for (var g = 0; g < group.Key.RowGroup; g++) firstRow += source.RowsIn(g);
                    block = await source.ReadAsync(group.Key.RowGroup, firstRow, ct);
                }
            }
            catch (Exception e) when (e is IOException or ParquetException or IngestException or InvalidDataException)
            {
                failures.Add($"{group.Key.File} row group {group.Key.RowGroup}: {e.Message}");
            }
            var changed = 0;
            foreach (var k in group)
            {
                var (row, at) = (k.Element.Row, k.Priority);
                // The row read again must be the one the run took (the same participant and time): a file changed since is not believed.
                var raw = block is not null && at.Row < block.Count ? block.Raw(at.Row) : null;
                var same = raw is not null && raw["participant_id"] == row.Raw.GetValueOrDefault("participant_id") && raw["taken_at"] == row.Raw.GetValueOrDefault("taken_at");
                if (raw is not null && !same) changed++;
                all.Add((same ? k.Element with { Row = row with { Row = block!.SourceRowOf(at.Row), Raw = raw! } } : k.Element, at));
            }
            if (changed > 0) failures.Add($"{group.Key.File} row group {group.Key.RowGroup}: {changed} of its rows read again are not the rows the run took (the file changed during the run)");
            block?.Return();
        }
        _kept.Clear();
        _kept.EnqueueRange(all);
        return failures.Count == 0 ? null
            : $"the raw values of some repeated rows are as the run took them, as their file could not be read again: {string.Join("; ", failures)}";
    }

    private sealed record Kept(QuarantinedRow Row, bool Repeat);

    /// <summary>A row's place in the run: its file's order, its row group, its row in the row group's block.</summary>
    private readonly record struct Position(int File, int RowGroup, int Row) : IComparable<Position>
    {
        public int CompareTo(Position other) =>
            File != other.File ? File.CompareTo(other.File) : RowGroup != other.RowGroup ? RowGroup.CompareTo(other.RowGroup) : Row.CompareTo(other.Row);
    }
}
