using Cohort.Contracts.Cohort;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Metrics;
using Cohort.Domain.Statistics;

namespace Cohort.Grains.Cohort.Statistics;

/// <summary>
/// Merges the shards' per-stratum distribution partials (counts, sums, mergeable quantile sketches) and releases them under small-cell
/// suppression: a stratum with fewer than the threshold of participants releases nothing, nor does the smallest other stratum when
/// only one would be hidden; missing counts and histogram bins from 1 to threshold − 1 are hidden with their complements. The
/// observed minimum and maximum are never released: the outer histogram bins are open-ended.
/// </summary>
internal static class DistributionMerge
{
    public static readonly (string Name, double Q)[] ReportedPercentiles =
        [("p5", 0.05), ("p10", 0.10), ("p25", 0.25), ("p50", 0.50), ("p75", 0.75), ("p90", 0.90), ("p95", 0.95)];

    private const int HistogramBins = 30;

    private sealed class Merged
    {
        public readonly QuantileSketch Sketch = new();
        public long N, Missing;
        public double Sum, SumSq;

        public void Add(DistributionPartial p)
        {
            N += p.N;
            Missing += p.Missing;
            Sum += p.Sum;
            SumSq += p.SumOfSquares;
            Sketch.Merge(p.SketchOffset, p.SketchCounts, p.Zeros, p.NegativeOffset, p.NegativeCounts);
        }
    }

    public static (StratumDistribution Total, IReadOnlyList<StratumDistribution> Strata) Merge(
        IReadOnlyList<StrataDistribution> shards, Dimension by, Metric metric, int threshold)
    {
        var (labels, strata, total) = StrataOrder.Merge<DistributionPartial, Merged>(shards.Select(s => s.Strata), by, (m, p) => m.Add(p));
        // A stratum is hidden when its size or its count of values is small; the line's complement rule must see both, or a stratum
        // hidden only for a small count of values (many missing, say non-fasting samples) would stand alone and be recoverable.
        var sizes = labels.Select(l => SmallCellSuppression.IsSmall(strata[l].N, threshold) ? strata[l].N : strata[l].N + strata[l].Missing).ToArray();
        var hidden = by == Dimension.None ? new bool[labels.Length] : SmallCellSuppression.Line(sizes, threshold);
        var released = labels.Select((l, i) => Release(l, strata[l], hidden[i], metric.Skewed, threshold)).ToArray();
        return (Release("all", total, false, metric.Skewed, threshold), by == Dimension.None ? [] : released);
    }

    private static StratumDistribution Release(string label, Merged m, bool hidden, bool skewed, int threshold)
    {
        if (hidden || SmallCellSuppression.IsSmall(m.N + m.Missing, threshold) || SmallCellSuppression.IsSmall(m.N, threshold))
            return new StratumDistribution(label, null, null, null, null, null, null, true);
        if (m.N == 0) return new StratumDistribution(label, 0, Count(m.Missing, threshold), null, null, null, [], false);
        var mean = m.Sum / m.N;
        var sd = m.N > 1 ? Math.Sqrt(Math.Max(0, (m.SumSq - m.N * mean * mean) / (m.N - 1))) : (double?)null;
        var percentiles = ReportedPercentiles.ToDictionary(p => p.Name, p => m.Sketch.Quantile(p.Q));
        return new StratumDistribution(label, m.N, Count(m.Missing, threshold), mean, sd, percentiles, Histogram(m.Sketch, skewed, threshold), false);
    }

    private static long? Count(long c, int threshold) => SmallCellSuppression.IsSmall(c, threshold) ? null : c;

    /// <summary>
    /// Bins between the 0.5th and 99.5th percentiles (log-spaced for skewed metrics); the first and last bins are open-ended and take
    /// everything beyond, so no participant's extreme value is exposed by a bin edge. Small bins are suppressed with a complement.
    /// </summary>
    public static IReadOnlyList<ReleasedBin> Histogram(QuantileSketch sketch, bool log, int threshold)
    {
        var lo = sketch.Quantile(0.005);
        var hi = sketch.Quantile(0.995);
        if (!(hi > lo)) return [new ReleasedBin(lo, hi, Count(sketch.Count, threshold))];
        var useLog = log && lo > 0;
        double Edge(int i) => useLog ? lo * Math.Pow(hi / lo, (double)i / HistogramBins) : lo + (hi - lo) * i / HistogramBins;
        var counts = new long[HistogramBins];
        foreach (var (value, count) in sketch.Buckets())
        {
            var t = useLog ? Math.Log(value / lo) / Math.Log(hi / lo) : (value - lo) / (hi - lo);
            counts[Math.Clamp((int)Math.Floor(t * HistogramBins), 0, HistogramBins - 1)] += count;
        }
        var hidden = SmallCellSuppression.Line(counts, threshold);
        return Enumerable.Range(0, HistogramBins).Select(i => new ReleasedBin(Edge(i), Edge(i + 1), hidden[i] ? null : counts[i])).ToArray();
    }
}
