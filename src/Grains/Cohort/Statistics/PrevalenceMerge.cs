using Cohort.Contracts.Cohort;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Statistics;

namespace Cohort.Grains.Cohort.Statistics;

/// <summary>
/// Merges the shards' prevalence counts and estimates each stratum: crude proportion with a Wilson (default) or Clopper–Pearson
/// interval, directly age-standardised to a named standard population (participants of unknown age left out of it), and
/// survey-weighted when participants carry weights (Wilson on Kish's effective n). Suppression: a stratum's total from 1 to
/// threshold − 1 hides the stratum (with a complementary stratum); a stratum whose cases or non-cases are that small hides its cases
/// and every estimate that would give them away. In a perturbed view (<see cref="DisclosureControl"/>) cases and participants, and
/// each age band's, are perturbed with their cells' keys before anything is estimated from them, and the weighted sums by the
/// cell's largest weight; suppression still decides on the exact counts.
/// </summary>
internal static class PrevalenceMerge
{
    public sealed class Merged
    {
        public readonly long[] Cases = new long[AgeCounts.UnknownAge + 1], Totals = new long[AgeCounts.UnknownAge + 1];
        public readonly uint[] CaseKeys = new uint[AgeCounts.UnknownAge + 1], TotalKeys = new uint[AgeCounts.UnknownAge + 1];
        public double LargestWeight, LargestFastingWeight;
        public double WeightedCases, WeightedTotal, SumSquaredWeights;
        public long WithWeight;
        public double FastingWeightedCases, FastingWeightedTotal, FastingSumSquaredWeights;
        public long WithFastingWeight;

        /// <summary>The survey-weighted sums to estimate from: the fasting-subsample weight's, or the examination weight's.</summary>
        /// <summary>
        /// The cell key of everyone, or of the cases, at the ages a predicate selects. The cases' key also holds everyone's: were it the
        /// cases' own, two prevalences whose populations differ by one person who is not a case would show exactly the same cases
        /// (the same people, the same noise), and any change would say the person is one. Same query, same noise, still.
        /// </summary>
        public CellKey Key(bool cases, Func<int, bool>? ages = null)
        {
            var sum = 0u;
            for (var i = 0; i < TotalKeys.Length; i++)
                if (ages is null || ages(i)) sum = unchecked(sum + TotalKeys[i] + (cases ? CaseKeys[i] : 0u));
            return new CellKey(sum);
        }

        public (double Cases, double Total, double SumSquares, long With) Weights(bool fasting) => fasting
            ? (FastingWeightedCases, FastingWeightedTotal, FastingSumSquaredWeights, WithFastingWeight)
            : (WeightedCases, WeightedTotal, SumSquaredWeights, WithWeight);

        public long CaseCount => Cases.Sum();
        public long Total => Totals.Sum();

        public void Add(AgeCounts a)
        {
            for (var i = 0; i < Cases.Length; i++) { Cases[i] += a.Cases[i]; Totals[i] += a.Totals[i]; }
            if (a.CaseKeys is { } ck) for (var i = 0; i < ck.Length && i < CaseKeys.Length; i++) CaseKeys[i] = unchecked(CaseKeys[i] + ck[i]);
            if (a.TotalKeys is { } tk) for (var i = 0; i < tk.Length && i < TotalKeys.Length; i++) TotalKeys[i] = unchecked(TotalKeys[i] + tk[i]);
            LargestWeight = Math.Max(LargestWeight, a.LargestWeight);
            LargestFastingWeight = Math.Max(LargestFastingWeight, a.LargestFastingWeight);
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
        IntervalMethod method, StandardPopulation standard, int threshold, bool fastingWeight = false, DisclosureControl? disclosure = null)
    {
        var control = disclosure ?? DisclosureControl.Exact;
        var (labels, strata, total) = StrataOrder.Merge<AgeCounts, Merged>(shards.Select(s => s.Strata), by, (m, c) => m.Add(c));
        var hiddenTotals = by == Dimension.None ? new bool[labels.Length] : SmallCellSuppression.Line(labels.Select(l => strata[l].Total).ToArray(), threshold);
        var hiddenCases = by == Dimension.None ? new bool[labels.Length] : SmallCellSuppression.Line(labels.Select(l => strata[l].CaseCount).ToArray(), threshold);
        var released = labels.Select((l, i) => Estimate(l, strata[l], hiddenTotals[i], hiddenCases[i], method, standard, threshold, fastingWeight, control)).ToArray();
        return (Estimate("all", total, false, false, method, standard, threshold, fastingWeight, control), by == Dimension.None ? [] : released);
    }

    public static PrevalenceEstimate Estimate(string label, Merged m, bool hideAll, bool hideCases, IntervalMethod method, StandardPopulation standard, int threshold,
        bool fastingWeight = false, DisclosureControl? disclosure = null)
    {
        var control = disclosure ?? DisclosureControl.Exact;
        var total = m.Total;
        var cases = m.CaseCount;
        if (hideAll || SmallCellSuppression.IsSmall(total, threshold))
            return new PrevalenceEstimate(label, null, null, null, null, null, true, null, null);
        if (total == 0) return new PrevalenceEstimate(label, 0, 0, null, null, null, false, null, null);
        if (hideCases || SmallCellSuppression.IsSmall(cases, threshold) || SmallCellSuppression.IsSmall(total - cases, threshold))
            return new PrevalenceEstimate(label, null, control.Count(total, m.Key(cases: false)), null, null, null, true, null, null);
        total = control.Count(total, m.Key(cases: false));
        cases = Math.Min(control.Count(cases, m.Key(cases: true)), total);
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
        if (control.Perturbed)
            foreach (var b in bands.Keys.ToArray())
            {
                bool InBand(int age) => age < AgeCounts.UnknownAge && standard.BandIndex(age) == b;
                var bandTotal = control.Count(bands[b].Total, m.Key(cases: false, InBand));
                bands[b] = (Math.Min(control.Count(bands[b].Cases, m.Key(cases: true, InBand)), bandTotal), bandTotal);
            }
        var std = DirectStandardisation.Compute(standard, bands.Where(kv => kv.Value.Total > 0).Select(kv => new BandCount(kv.Key, kv.Value.Cases, kv.Value.Total)));
        var standardised = new StandardisedView(std.Standard, std.Proportion, std.Lower, std.Upper, std.AgeRange, std.UndefinedReason);
        WeightedView? weighted = null;
        var w = m.Weights(fastingWeight);
        if (w.With > 0 && w.Total > 0)
        {
            var largest = fastingWeight ? m.LargestFastingWeight : m.LargestWeight;
            var weightedCases = control.Sum(w.Cases, largest, m.Key(cases: true), MagnitudePerturbation.SumUse);
            var weightedTotal = control.Sum(w.Total, largest, m.Key(cases: false), MagnitudePerturbation.SumUse);
            var p = Math.Clamp(weightedCases / weightedTotal, 0, 1);
            var effective = w.Total * w.Total / w.SumSquares;
            var (lo, hi) = ProportionInterval.WilsonBounds(p, effective);
            weighted = new WeightedView(p, lo, hi, Math.Round(effective, 3), SmallCellSuppression.IsSmall(w.With, threshold) ? null : w.With);
            if (SmallCellSuppression.IsSmall(w.With, threshold)) weighted = weighted with { Proportion = null, Lower = null, Upper = null };
        }
        return new PrevalenceEstimate(label, cases, total, crude.Proportion, crude.Lower, crude.Upper, false, standardised, weighted);
    }
}
