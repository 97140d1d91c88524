namespace Cohort.Phenotyping.Validation;

/// <summary>
/// Hubert and Arabie's adjusted Rand index between two partitions of the same items: 1 for identical partitions (up to relabelling),
/// about 0 for chance agreement. Computed from the contingency table: (Σ C(n_ij,2) − E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) − E), with
/// E = Σ C(a_i,2) · Σ C(b_j,2) / C(n,2).
/// </summary>
public static class AdjustedRandIndex
{
    public static double Compute(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"the partitions cover {a.Count} and {b.Count} items; they must cover the same items");
        if (a.Count < 2) throw new ArgumentException("the adjusted Rand index needs at least two items");
        var rowsOf = a.Distinct().Order().Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        var columnsOf = b.Distinct().Order().Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        var table = new long[rowsOf.Count * columnsOf.Count];
        for (var i = 0; i < a.Count; i++) table[rowsOf[a[i]] * columnsOf.Count + columnsOf[b[i]]]++;
        return FromContingency(table, rowsOf.Count, columnsOf.Count);
    }

    /// <summary>The index from a contingency table (row-major, rows × columns), e.g. merged from the shards.</summary>
    public static double FromContingency(IReadOnlyList<long> table, int rows, int columns)
    {
        var rowSums = new long[rows];
        var columnSums = new long[columns];
        long n = 0;
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var x = table[r * columns + c];
                rowSums[r] += x; columnSums[c] += x; n += x;
            }
        if (n < 2) throw new ArgumentException("the adjusted Rand index needs at least two items");
        static double Pairs(long n) => n * (n - 1) / 2.0;
        var index = table.Sum(Pairs);
        var sumA = rowSums.Sum(Pairs);
        var sumB = columnSums.Sum(Pairs);
        var expected = sumA * sumB / Pairs(n);
        var max = (sumA + sumB) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }
}
