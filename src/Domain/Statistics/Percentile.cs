namespace Cohort.Domain.Statistics;

/// <summary>Sample percentiles with R's default definition (type 7): linear interpolation between order statistics at (n − 1)p.</summary>
public static class Percentile
{
    /// <summary>The p-quantile (0 ≤ p ≤ 1) of values already sorted ascending.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) throw new ArgumentException("no values", nameof(sorted));
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "must lie in [0, 1]");
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /// <summary>The p-quantile of unsorted values (copies and sorts them).</summary>
    public static double Of(IEnumerable<double> values, double p)
    {
        var a = values.ToArray();
        Array.Sort(a);
        return OfSorted(a, p);
    }
}
