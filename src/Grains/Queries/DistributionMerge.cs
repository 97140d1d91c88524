using Cohort.Contracts.Queries;
using Cohort.Domain.Caveats;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Metrics;
using Cohort.Domain.Statistics;

namespace Cohort.Grains.Queries;

/// <summary>
/// Merges the shards' per-stratum distribution partials (counts, sums, mergeable quantile sketches) and releases them under small-cell
/// suppression: a stratum with fewer than the threshold of participants releases nothing, nor does the smallest other stratum when
/// only one would be hidden; missing counts and histogram bins from 1 to threshold − 1 are hidden with their complements. The
/// observed minimum and maximum are never released: the outer histogram bins are open-ended. In a perturbed view (the cell key
/// method, <see cref="DisclosureControl"/>) the count of values, the count missing and each bin are perturbed with the cell's key,
/// the mean and SD come from a perturbed sum and sum of squares over the perturbed count, and percentiles and bin edges are rounded
/// and released only for cells with enough values. Suppression still decides on the exact counts.
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
        public double Sum, SumSq, Min = double.PositiveInfinity, Max = double.NegativeInfinity;

        /// <summary>The largest value in absolute terms: one person's largest possible share of the sum.</summary>
        public double Largest => N > 0 ? Math.Max(Math.Abs(Min), Math.Abs(Max)) : 0;
        public CellKey Key, MissingKey;

        public void Add(DistributionPartial p)
        {
            N += p.N;
            Key = Key.Merge(new CellKey(p.Key));
            MissingKey = MissingKey.Merge(new CellKey(p.MissingKey));
            if (p.N > 0)
            {
                Min = Math.Min(Min, p.Min);
                Max = Math.Max(Max, p.Max);
            }
            Missing += p.Missing;
            Sum += p.Sum;
            SumSq += p.SumOfSquares;
            Sketch.Merge(p.SketchOffset, p.SketchCounts, p.Zeros, p.NegativeOffset, p.NegativeCounts);
        }
    }

    /// <summary>A distribution query's answer from its shards' partials: the whole, each stratum, those without the visit, as released.</summary>
    public static StratifiedDistribution Result(IReadOnlyList<StrataDistribution> shards, CohortQuery query, Metric metric, CountRelease release,
        Provenance provenance)
    {
        var (total, strata) = Merge(shards, query.StrataBy, metric, release.Threshold, release.Disclosure);
        var caveats = CaveatViews.Of(CaveatCatalogue.For(metric.Code));
        var without = release.Count(shards.Sum(p => p.WithoutVisit), shards.Select(p => p.WithoutVisitKey));
        return new StratifiedDistribution
        {
            Metric = metric.Code,
            Name = metric.Name,
            Unit = metric.Unit,
            Visit = query.Visit.Label,
            StrataBy = query.StrataBy.ToString(),
            Total = total,
            Strata = strata,
            LogBins = metric.Skewed,
            Caveats = caveats,
            WithoutVisit = without,
            Provenance = provenance,
            Disclosure = release.Disclosure.Describe(),
        };
    }

    public static (StratumDistribution Total, IReadOnlyList<StratumDistribution> Strata) Merge(
        IReadOnlyList<StrataDistribution> shards, Dimension by, Metric metric, int threshold, DisclosureControl? disclosure = null)
    {
        var control = disclosure ?? DisclosureControl.Exact;
        var (labels, strata, total) = StrataOrder.Merge<DistributionPartial, Merged>(shards.Select(s => s.Strata), by, (m, p) => m.Add(p));
        // A stratum is hidden when its size or its count of values is small; the line's complement rule must see both, or a stratum
        // hidden only for a small count of values (many missing, say non-fasting samples) would stand alone and be recoverable.
        var sizes = labels.Select(l => SmallCellSuppression.IsSmall(strata[l].N, threshold) ? strata[l].N : strata[l].N + strata[l].Missing).ToArray();
        var hidden = by == Dimension.None ? new bool[labels.Length] : SmallCellSuppression.Line(sizes, threshold);
        var released = labels.Select((l, i) => Release(l, strata[l], hidden[i], metric.Skewed, threshold, control)).ToArray();
        return (Release("all", total, false, metric.Skewed, threshold, control), by == Dimension.None ? [] : released);
    }

    private static StratumDistribution Release(string label, Merged m, bool hidden, bool skewed, int threshold, DisclosureControl control)
    {
        if (hidden || SmallCellSuppression.IsSmall(m.N + m.Missing, threshold) || SmallCellSuppression.IsSmall(m.N, threshold))
            return new StratumDistribution(label, null, null, null, null, null, null, true);
        // Keys hold the whole stratum's as well as their own cell's (as prevalence's cases do): two strata that differ by one person
        // without a value would otherwise show exactly the same n and mean, and any change would say the person has one.
        var population = m.Key.Merge(m.MissingKey);
        var key = m.Key.Merge(population);
        var missing = SmallCellSuppression.IsSmall(m.Missing, threshold) ? null : (long?)control.Count(m.Missing, m.MissingKey.Merge(population));
        if (m.N == 0) return new StratumDistribution(label, 0, missing, null, null, null, [], false);
        var n = control.Count(m.N, key);
        var sum = control.Sum(m.Sum, m.Largest, key, MagnitudePerturbation.SumUse);
        var mean = sum / n;
        // The SD from the sum of squared deviations, perturbed by the largest squared deviation (one person's largest share of it).
        var exactMean = m.Sum / m.N;
        var squares = Math.Max(0, m.SumSq - m.N * exactMean * exactMean);
        var deviation = Math.Max(m.Max - exactMean, exactMean - m.Min);
        squares = control.Sum(squares, deviation * deviation, key, MagnitudePerturbation.SumOfSquaresUse);
        var sd = n > 1 ? Math.Sqrt(Math.Max(0, squares / (n - 1))) : (double?)null;
        var percentiles = control.ReleasesPercentiles(m.N)
            ? ReportedPercentiles.ToDictionary(p => p.Name, p => control.Continuous(m.Sketch.Quantile(p.Q)))
            : null;
        var histogram = control.ReleasesPercentiles(m.N) ? Histogram(m.Sketch, skewed, threshold, control, key) : null;
        return new StratumDistribution(label, n, missing, mean, sd, percentiles, histogram, false);
    }

    /// <summary>
    /// Bins between the 0.5th and 99.5th percentiles (log-spaced for skewed metrics); the first and last bins are open-ended and take
    /// everything beyond, so no participant's extreme value is exposed by a bin edge. Small bins are suppressed with a complement.
    /// </summary>
    public static IReadOnlyList<ReleasedBin> Histogram(QuantileSketch sketch, bool log, int threshold, DisclosureControl? disclosure = null, CellKey key = default)
    {
        var control = disclosure ?? DisclosureControl.Exact;
        var lo = control.Continuous(sketch.Quantile(0.005));
        var hi = control.Continuous(sketch.Quantile(0.995));
        if (!(hi > lo)) return [new ReleasedBin(lo, hi, SmallCellSuppression.IsSmall(sketch.Count, threshold) ? null : control.Count(sketch.Count, key))];
        var useLog = log && lo > 0;
        double Edge(int i) => useLog ? lo * Math.Pow(hi / lo, (double)i / HistogramBins) : lo + (hi - lo) * i / HistogramBins;
        var counts = new long[HistogramBins];
        foreach (var (value, count) in sketch.Buckets())
        {
            var t = useLog ? Math.Log(value / lo) / Math.Log(hi / lo) : (value - lo) / (hi - lo);
            counts[Math.Clamp((int)Math.Floor(t * HistogramBins), 0, HistogramBins - 1)] += count;
        }
        var hidden = SmallCellSuppression.Line(counts, threshold);
        // A bin's noise comes from a key derived from the cell's key and the bin's place: the same people give the same noise.
        long Released(int i) => control.Count(counts[i], key.For(MagnitudePerturbation.FirstBin + (uint)i));
        return Enumerable.Range(0, HistogramBins).Select(i => new ReleasedBin(control.Continuous(Edge(i)), control.Continuous(Edge(i + 1)), hidden[i] ? null : Released(i))).ToArray();
    }
}
