using Cohort.Contracts.Cohort;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Statistics;

namespace Cohort.Grains.Cohort.Statistics;

/// <summary>
/// Merges the shards' prevalence counts and estimates each stratum: crude proportion with a Wilson (default) or Clopper–Pearson
/// interval, directly age-standardised to a named standard population (participants of unknown age left out of it), and
/// survey-weighted when participants carry weights (Wilson on Kish's effective n). Suppression: a stratum's total from 1 to
/// threshold − 1 hides the stratum (with a complementary stratum); a stratum whose cases or non-cases are that small hides its cases
/// and every estimate that would give them away.
/// </summary>
internal static class PrevalenceMerge
{
    public sealed class Merged
    {
        public readonly long[] Cases = new long[AgeCounts.UnknownAge + 1], Totals = new long[AgeCounts.UnknownAge + 1];
        public double WeightedCases, WeightedTotal, SumSquaredWeights;
        public long WithWeight;
        public double FastingWeightedCases, FastingWeightedTotal, FastingSumSquaredWeights;
        public long WithFastingWeight;

        /// <summary>The survey-weighted sums to estimate from: the fasting-subsample weight's, or the examination weight's.</summary>
        public (double Cases, double Total, double SumSquares, long With) Weights(bool fasting) => fasting
            ? (FastingWeightedCases, FastingWeightedTotal, FastingSumSquaredWeights, WithFastingWeight)
            : (WeightedCases, WeightedTotal, SumSquaredWeights, WithWeight);

        public long CaseCount => Cases.Sum();
        public long Total => Totals.Sum();

        public void Add(AgeCounts a)
        {
            for (var i = 0; i < Cases.Length; i++) { Cases[i] += a.Cases[i]; Totals[i] += a.Totals[i]; }
            WeightedCases += a.WeightedCases;
            WeightedTotal += a.WeightedTotal;
            SumSquaredWeights += a.SumOfSquaredWeights;
            WithWeight += a.WithWeight;
            FastingWeightedCases += a.FastingWeightedCases;
            FastingWeightedTotal += a.FastingWeightedTotal;
            FastingSumSquaredWeights += a.FastingSumOfSquaredWeights;
            WithFastingWeight += a.WithFastingWeight;
        }
    }

    public static (PrevalenceEstimate Total, IReadOnlyList<PrevalenceEstimate> Strata) Merge(IReadOnlyList<StrataCounts> shards, Dimension by,
        IntervalMethod method, StandardPopulation standard, int threshold, bool fastingWeight = false)
    {
        var (labels, strata, total) = StrataOrder.Merge<AgeCounts, Merged>(shards.Select(s => s.Strata), by, (m, c) => m.Add(c));
        var hiddenTotals = by == Dimension.None ? new bool[labels.Length] : SmallCellSuppression.Line(labels.Select(l => strata[l].Total).ToArray(), threshold);
        var hiddenCases = by == Dimension.None ? new bool[labels.Length] : SmallCellSuppression.Line(labels.Select(l => strata[l].CaseCount).ToArray(), threshold);
        var released = labels.Select((l, i) => Estimate(l, strata[l], hiddenTotals[i], hiddenCases[i], method, standard, threshold, fastingWeight)).ToArray();
        return (Estimate("all", total, false, false, method, standard, threshold, fastingWeight), by == Dimension.None ? [] : released);
    }

    public static PrevalenceEstimate Estimate(string label, Merged m, bool hideAll, bool hideCases, IntervalMethod method, StandardPopulation standard, int threshold,
        bool fastingWeight = false)
    {
        var total = m.Total;
        var cases = m.CaseCount;
        if (hideAll || SmallCellSuppression.IsSmall(total, threshold))
            return new PrevalenceEstimate(label, null, null, null, null, null, true, null, null);
        if (total == 0) return new PrevalenceEstimate(label, 0, 0, null, null, null, false, null, null);
        if (hideCases || SmallCellSuppression.IsSmall(cases, threshold) || SmallCellSuppression.IsSmall(total - cases, threshold))
            return new PrevalenceEstimate(label, null, total, null, null, null, true, null, null);
        var crude = ProportionInterval.Compute(cases, total, method);
        var bands = new Dictionary<int, (long Cases, long Total)>();
        for (var age = 0; age < AgeCounts.UnknownAge; age++)
        {
            if (m.Totals[age] == 0) continue;
            var b = standard.BandIndex(age);
            if (b < 0) continue;
            var prev = bands.GetValueOrDefault(b);
            bands[b] = (prev.Cases + m.Cases[age], prev.Total + m.Totals[age]);
        }
        var std = DirectStandardisation.Compute(standard, bands.Select(kv => new BandCount(kv.Key, kv.Value.Cases, kv.Value.Total)));
        var standardised = new StandardisedView(std.Standard, std.Proportion, std.Lower, std.Upper, std.AgeRange, std.UndefinedReason);
        WeightedView? weighted = null;
        var w = m.Weights(fastingWeight);
        if (w.With > 0 && w.Total > 0)
        {
            var p = w.Cases / w.Total;
            var effective = w.Total * w.Total / w.SumSquares;
            var (lo, hi) = ProportionInterval.WilsonBounds(p, effective);
            weighted = new WeightedView(p, lo, hi, Math.Round(effective, 3), SmallCellSuppression.IsSmall(w.With, threshold) ? null : w.With);
            if (SmallCellSuppression.IsSmall(w.With, threshold)) weighted = weighted with { Proportion = null, Lower = null, Upper = null };
        }
        return new PrevalenceEstimate(label, cases, total, crude.Proportion, crude.Lower, crude.Upper, false, standardised, weighted);
    }
}
