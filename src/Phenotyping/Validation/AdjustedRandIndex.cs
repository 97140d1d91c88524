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
        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < a.Count; i++)
        {
            table[(a[i], b[i])] = table.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            columns[b[i]] = columns.GetValueOrDefault(b[i]) + 1;
        }
        static double Pairs(long n) => n * (n - 1) / 2.0;
        var index = table.Values.Sum(Pairs);
        var sumA = rows.Values.Sum(Pairs);
        var sumB = columns.Values.Sum(Pairs);
        var expected = sumA * sumB / Pairs(a.Count);
        var max = (sumA + sumB) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }
}
