namespace Cohort.Domain.Disclosure;

/// <summary>
/// Small-cell suppression with complementary suppression (docs/science.md#disclosure-control). A count from 1 to threshold − 1 is never released
/// (0 is: it reveals no one). Where cells add up to a released margin, a line with exactly one suppressed cell would give it away by
/// subtraction, so the smallest other non-zero cell of that line is suppressed too; in a table this repeats over rows and columns
/// until every line holds none or at least two suppressed cells.
/// </summary>
public static class SmallCellSuppression
{
    public const int DefaultThreshold = 11;

    public static bool IsSmall(long count, int threshold) => count > 0 && count < threshold;

    /// <summary>
    /// Which hidden cells are hidden only as complements (their own count is not small): they must not read "&lt; threshold", or a
    /// reader would take a row of hundreds for a handful.
    /// </summary>
    public static bool[] Complements(IReadOnlyList<long> counts, IReadOnlyList<bool> hidden, int threshold) =>
        counts.Select((c, i) => hidden[i] && !IsSmall(c, threshold)).ToArray();

    /// <summary>Cells of one line that adds up to a released total: which to suppress.</summary>
    public static bool[] Line(IReadOnlyList<long> counts, int threshold)
    {
        var suppressed = counts.Select(c => IsSmall(c, threshold)).ToArray();
        Complete(counts, suppressed, Enumerable.Range(0, counts.Count).ToArray());
        return suppressed;
    }

    /// <summary>A table whose rows and columns add up to released margins (rows × columns, row-major): which cells to suppress.</summary>
    public static bool[] Table(IReadOnlyList<long> cells, int rows, int columns, int threshold)
    {
        if (cells.Count != rows * columns) throw new ArgumentException($"expected {rows} × {columns} cells, got {cells.Count}", nameof(cells));
        var suppressed = cells.Select(c => IsSmall(c, threshold)).ToArray();
        bool changed;
        do
        {
            changed = false;
            for (var r = 0; r < rows; r++) changed |= Complete(cells, suppressed, Enumerable.Range(0, columns).Select(c => r * columns + c).ToArray());
            for (var c = 0; c < columns; c++) changed |= Complete(cells, suppressed, Enumerable.Range(0, rows).Select(r => r * columns + c).ToArray());
        }
        while (changed);
        return suppressed;
    }

    /// <summary>When exactly one cell of a line is suppressed, suppresses the smallest other non-zero cell; returns whether it did.</summary>
    private static bool Complete(IReadOnlyList<long> cells, bool[] suppressed, int[] line)
    {
        if (line.Count(i => suppressed[i]) != 1) return false;
        var partner = line.Where(i => !suppressed[i] && cells[i] > 0).OrderBy(i => cells[i]).ThenBy(i => i).Cast<int?>().FirstOrDefault();
        if (partner is not { } p) return false;
        suppressed[p] = true;
        return true;
    }
}
