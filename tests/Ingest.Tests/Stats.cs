namespace Cohort.Ingest.Tests;

internal static class Stats
{
    public static double Mean(this IEnumerable<double> xs) => Enumerable.Average(xs);

    public static double Sd(this IEnumerable<double> xs)
    {
        var a = xs.ToArray();
        var m = a.Average();
        return Math.Sqrt(a.Sum(x => (x - m) * (x - m)) / (a.Length - 1));
    }

    public static double Median(this IEnumerable<double> xs) => Domain.Statistics.Percentile.Of(xs, 0.5);

    public static double Correlation(IReadOnlyList<(double X, double Y)> pairs)
    {
        double mx = pairs.Average(p => p.X), my = pairs.Average(p => p.Y);
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (x, y) in pairs) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx); syy += (y - my) * (y - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }

    public static void Within(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: expected {expected} ± {relative:P0}, got {actual:0.####}");

    public static void Between(double lo, double hi, double actual, string what) =>
        Assert.True(actual >= lo && actual <= hi, $"{what}: expected between {lo} and {hi}, got {actual:0.####}");
}
