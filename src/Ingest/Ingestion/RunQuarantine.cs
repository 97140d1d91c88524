using Cohort.Contracts.Ingest;

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
    /// <summary>Files known by name only (an events run's): their order of first appearance.</summary>
    private readonly Dictionary<string, int> _named = new(StringComparer.Ordinal);

    /// <summary>The rows kept, the last in the files' order at the head, so that a row found later but earlier in the files displaces it.</summary>
    private readonly PriorityQueue<Kept, Position> _kept = new(Comparer<Position>.Create((a, b) => b.CompareTo(a)));

    public int Count => _kept.Count;

    /// <summary>
    /// The place of a file known only by its name in the run's order: its order of first appearance, or of <see cref="Files"/>. An
    /// observations run places its rows by their source's index instead, since two of its files may have the same name.
    /// </summary>
    public int FileIndex(string name)
    {
        if (!_named.TryGetValue(name, out var index)) _named[name] = index = _named.Count;
        return index;
    }

    /// <summary>Files known by name, in the order the run reads them.</summary>
    public void Files(IEnumerable<string> names)
    {
        foreach (var name in names) FileIndex(name);
    }

    /// <summary>
    /// Keeps <paramref name="row"/>, the row <paramref name="blockRow"/> of its row group's block in the run's <paramref name="file"/>th
    /// input, if it is among the first of the run's rows so far.
    /// </summary>
    public void Add(QuarantinedRow row, int file, int blockRow, bool repeat)
    {
        if (limit <= 0) return;
        var at = new Position(file, row.RowGroup, blockRow);
        if (_kept.Count < limit) _kept.Enqueue(new Kept(row, repeat), at);
        else if (_kept.TryPeek(out _, out var last) && at.CompareTo(last) < 0) _kept.DequeueEnqueue(new Kept(row, repeat), at);
    }

    /// <summary>The rows kept, in the order of the files, row groups and rows.</summary>
    public List<QuarantinedRow> InFileOrder() => [.. _kept.UnorderedItems.OrderBy(k => k.Priority).Select(k => k.Element.Row)];

    /// <summary>
    /// Reads the row groups of the repeats kept again from the run's <paramref name="sources"/> (one read each, reporting each to
    /// <paramref name="progress"/>), and replaces each repeat's raw values with its row as read. Returns what could not be read again
    /// (the repeats concerned keep the values the run took), or null. Nothing but a cancellation fails here: the run's writes are done,
    /// and this only makes the quarantine show what the files say.
    /// </summary>
    public async Task<string?> ReadRepeatsAgainAsync(IReadOnlyList<IObservationSource> sources, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var repeats = _kept.UnorderedItems.Where(k => k.Element.Repeat && k.Priority.Row >= 0).ToList();
        if (repeats.Count == 0) return null;
        var failures = new List<string>();
        var all = _kept.UnorderedItems.Where(k => !(k.Element.Repeat && k.Priority.Row >= 0)).ToList();
        var groups = repeats.GroupBy(k => (k.Priority.File, k.Priority.RowGroup));
        foreach (var group in groups)
        {
            // A phase without a count of rows (the runs grain hears from the run at each row group; the overview shows the phase).
            progress?.Report(new IngestProgress(0, 0, "re-reading repeated rows for the quarantine"));
            var name = group.First().Element.Row.File;
            var source = group.Key.File < sources.Count ? sources[group.Key.File] : null;
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
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add($"{name} row group {group.Key.RowGroup}: {e.Message}");
            }
            var changed = 0;
            foreach (var k in group)
            {
                var (row, at) = (k.Element.Row, k.Priority);
                // The row read again must be the one the run took (the same participant, time, OGTT minute and value as read): a file
                // changed since is not believed.
                var raw = block is not null && at.Row < block.Count ? block.Raw(at.Row) : null;
                var same = raw is not null && SameKeys.All(key => raw[key] == row.Raw.GetValueOrDefault(key));
                if (block is not null && !same) changed++;
                all.Add((same ? k.Element with { Row = row with { Row = block!.SourceRowOf(at.Row), Raw = raw! } } : k.Element, at));
            }
            if (changed > 0) failures.Add($"{name} row group {group.Key.RowGroup}: {changed} of its rows read again are not the rows the run took (the file changed during the run)");
            block?.Return();
        }
        _kept.Clear();
        _kept.EnqueueRange(all);
        return failures.Count == 0 ? null
            : $"the raw values of some repeated rows are as the run took them, as their file could not be read again: {string.Join("; ", failures)}";
    }

    private static readonly string[] SameKeys = ["participant_id", "taken_at", "ogtt_minute", "value"];

    private sealed record Kept(QuarantinedRow Row, bool Repeat);

    /// <summary>A row's place in the run: its file's order, its row group, its row in the row group's block.</summary>
    private readonly record struct Position(int File, int RowGroup, int Row) : IComparable<Position>
    {
        public int CompareTo(Position other) =>
            File != other.File ? File.CompareTo(other.File) : RowGroup != other.RowGroup ? RowGroup.CompareTo(other.RowGroup) : Row.CompareTo(other.Row);
    }
}
