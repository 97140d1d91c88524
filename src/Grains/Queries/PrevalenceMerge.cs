using Cohort.Contracts.Queries;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;
using Cohort.Domain.Statistics;
using Cohort.Domain.Survey;

namespace Cohort.Grains.Queries;

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
        /// <summary>The design's cells summed across shards, one per stratum, PSU and band (in the order the shards first gave them).</summary>
        public readonly DesignCells Design = new(), FastingDesign = new();

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

        /// <summary>The survey-weighted sums to estimate from: the fasting-subsample weight's, or the examination weight's.</summary>
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
            Design.Add(a.Design);
            FastingDesign.Add(a.FastingDesign);
        }

        /// <summary>The ages (whole years) at which anyone was counted: the range the standard is restricted to.</summary>
        public (int From, int To)? AgeRange()
        {
            int from = -1, to = -1;
            for (var age = 0; age < AgeCounts.UnknownAge; age++)
                if (Totals[age] > 0) { if (from < 0) from = age; to = age; }
            return from < 0 ? null : (from, to);
        }
    }

    /// <summary>
    /// A prevalence query's answer from its shards' counts: the whole and each stratum estimated (weighted by the fasting-subsample
    /// weight when the condition rests on a fasting analyte and participants carry one), with the undetermined and those without the
    /// visit, as released.
    /// </summary>
    public static PrevalenceResult Result(IReadOnlyList<StrataCounts> shards, CohortQuery query, Condition condition, IntervalMethod method,
        StandardPopulation standard, CountRelease release, Provenance provenance, MarkerRegistry? markers = null)
    {
        var counts = shards.SelectMany(p => p.Strata.Values).ToArray();
        var fasting = RestsOnFastingSample(condition, markers ?? MarkerRegistry.BuiltIn) && counts.Any(c => c.WithFastingWeight > 0);
        var (total, strata) = Merge(shards, query.StrataBy, method, standard, release.Threshold, fasting, release.Disclosure);
        return new PrevalenceResult
        {
            Condition = condition.Label,
            Visit = query.Visit.Label,
            StrataBy = query.StrataBy.ToString(),
            Method = method == IntervalMethod.Wilson ? "Wilson 95%" : "Clopper–Pearson 95%",
            Standard = standard.Name,
            Total = total,
            Strata = strata,
            Undetermined = release.Count(shards.Sum(p => p.Undetermined), shards.Select(p => p.UndeterminedKey)),
            WithoutVisit = release.Count(shards.Sum(p => p.WithoutVisit), shards.Select(p => p.WithoutVisitKey)),
            Provenance = provenance,
            Weight = fasting ? "fasting subsample" : counts.Any(c => c.WithWeight > 0) ? "examination" : "none",
            Disclosure = release.Disclosure.Describe(),
        };
    }

    /// <summary>Whether a condition rests on a fasting analyte: categories and phases (fasting glucose), phenotypes, and such metrics.</summary>
    private static bool RestsOnFastingSample(Condition c, MarkerRegistry markers) =>
        c.Kind != ConditionKind.MetricAtLeast || (markers.TryResolveMetric(c.Code, out var m) && m.RestsOnFastingSample());

    public static (PrevalenceEstimate Total, IReadOnlyList<PrevalenceEstimate> Strata) Merge(IReadOnlyList<StrataCounts> shards, Dimension by,
        IntervalMethod method, StandardPopulation standard, int threshold, bool fastingWeight = false, DisclosureControl? disclosure = null)
    {
        var control = disclosure ?? DisclosureControl.Exact;
        if (shards.FirstOrDefault(s => s.Standard is { } name && name != standard.Name) is { } other)
            throw new InvalidOperationException($"a shard summed the survey design by the bands of {other.Standard}, not of {standard.Name}");
        var (labels, strata, total) = StrataOrder.Merge<AgeCounts, Merged>(shards.Select(s => s.Strata), by, (m, c) => m.Add(c));
        var hiddenTotals = by == Dimension.None ? new bool[labels.Length] : SmallCellSuppression.Line(labels.Select(l => strata[l].Total).ToArray(), threshold);
        var hiddenCases = by == Dimension.None ? new bool[labels.Length] : SmallCellSuppression.Line(labels.Select(l => strata[l].CaseCount).ToArray(), threshold);
        // One standard for every stratum: restricted to the ages the whole query covers. Every PSU of the design, for domain variances.
        var range = total.AgeRange();
        var psus = shards.SelectMany(s => s.DesignPsus ?? []).Distinct().ToArray();
        var released = labels.Select((l, i) => Estimate(l, strata[l], hiddenTotals[i], hiddenCases[i], method, standard, threshold, fastingWeight, control, range, psus)).ToArray();
        return (Estimate("all", total, false, false, method, standard, threshold, fastingWeight, control, range, psus), by == Dimension.None ? [] : released);
    }

    public static PrevalenceEstimate Estimate(string label, Merged m, bool hideAll, bool hideCases, IntervalMethod method, StandardPopulation standard, int threshold,
        bool fastingWeight = false, DisclosureControl? disclosure = null, (int From, int To)? range = null, IReadOnlyList<PsuCell>? designPsus = null)
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
        range ??= m.AgeRange();
        var bands = new Dictionary<int, (long Cases, long Total)>();
        for (var age = 0; age < AgeCounts.UnknownAge; age++)
        {
            if (m.Totals[age] == 0 || range is not { } r || age < r.From || age > r.To) continue;
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
        // Each band's counts enter at an age inside it (the band and the range decide, not the age).
        var std = DirectStandardisation.Compute(standard, bands.Where(kv => kv.Value.Total > 0)
            .Select(kv => new AgeCount(Math.Max(standard.Bands[kv.Key].AgeFrom, range!.Value.From), kv.Value.Cases, kv.Value.Total)), range);
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
            var design = fastingWeight ? m.FastingDesign : m.Design;
            if (design.Count > 0) weighted = DesignBased(weighted, p, design.Cells(), designPsus ?? [], standard, range);
            if (SmallCellSuppression.IsSmall(w.With, threshold))
                weighted = weighted with { Proportion = null, Lower = null, Upper = null, Standardised = null, StandardisedLower = null, StandardisedUpper = null };
        }
        return new PrevalenceEstimate(label, cases, total, crude.Proportion, crude.Lower, crude.Upper, false, standardised, weighted);
    }

    /// <summary>
    /// The weighted estimate under the survey design: Taylor-linearised variance over strata and PSUs (every PSU of the design kept),
    /// the Korn–Graubard interval, the NCHS presentation verdict, and the weighted prevalence age-standardised in the same design. The
    /// point estimate stays the released (in a perturbed view, perturbed) one; the interval is placed around it.
    /// </summary>
    private static WeightedView DesignBased(WeightedView view, double released, IReadOnlyList<PsuCell> cells, IReadOnlyList<PsuCell> designPsus,
        StandardPopulation standard, (int From, int To)? range)
    {
        var present = cells.Select(c => (c.Stratum, c.Psu)).ToHashSet();
        var empty = designPsus.Where(d => !present.Contains((d.Stratum, d.Psu))).Select(d => new PsuSums(d.Stratum, d.Psu, -1, 0, 0, 0));
        var sums = cells.GroupBy(c => (c.Stratum, c.Psu))
            .Select(g => new PsuSums(g.Key.Stratum, g.Key.Psu, -1, g.Sum(c => c.WeightedCases), g.Sum(c => c.WeightedTotal), g.Sum(c => c.Units)))
            .Concat(empty).OrderBy(s => s.Stratum, StringComparer.Ordinal).ThenBy(s => s.Psu, StringComparer.Ordinal).ToArray();
        if (SurveyProportion.Estimate(sums) is not { } e) return view;
        var interval = KornGraubard.Interval(released, e.StandardError * e.StandardError, e.Units, e.DegreesOfFreedom);
        var verdict = NchsPresentation.ForProportion(released, interval, e.DegreesOfFreedom);
        var strata = sums.Select(s => s.Stratum).Distinct().Count();
        var single = e.SinglePsuStrata.Count > 0 ? $"; strata with one PSU add no variance: {string.Join(", ", e.SinglePsuStrata)}" : "";
        view = view with
        {
            Lower = interval.Lower,
            Upper = interval.Upper,
            EffectiveN = Math.Round(interval.EffectiveN, 3),
            Method = $"design-based: Taylor linearisation over {strata} strata and {sums.Length} PSUs, {e.DegreesOfFreedom} df; Korn–Graubard 95%{single}",
            StandardError = e.StandardError,
            DegreesOfFreedom = e.DegreesOfFreedom,
            Reliable = verdict.Present,
            Unreliable = verdict.SuppressedBecause,
            ReviewFlags = verdict.ReviewFlags,
        };
        if (range is not { } r) return view;
        var restricted = RestrictedStandard.Of(standard, r.From, r.To);
        var shares = Enumerable.Range(0, standard.Bands.Count).Select(i => restricted.Shares.GetValueOrDefault(i)).ToArray();
        // The shards summed the cells by band of this standard (Merge checked they were given it). Every known age lies in the range,
        // because the range is the whole query's AgeRange() (the ages anyone was counted at), so only unknown ages and ages outside
        // the standard's bands (band −1) are left out. A caller passing a narrower range would get whole bands: it must not.
        var byBand = cells.Where(c => c.Band >= 0)
            .GroupBy(c => (c.Stratum, c.Psu, c.Band))
            .Select(g => new PsuSums(g.Key.Stratum, g.Key.Psu, g.Key.Band, g.Sum(c => c.WeightedCases), g.Sum(c => c.WeightedTotal), g.Sum(c => c.Units)))
            .Concat(empty).ToArray();
        if (SurveyProportion.Standardised(byBand, shares) is not { } s) return view;
        return view with { Standardised = s.Proportion, StandardisedLower = s.Interval.Lower, StandardisedUpper = s.Interval.Upper };
    }

    /// <summary>
    /// Survey-design cells summed by stratum, PSU and band as the shards' arrive: a query's design then holds a few cells per PSU
    /// however many shards sent them (concatenated, the cells of a 16-shard query filled large-object arrays on every query).
    /// </summary>
    internal sealed class DesignCells
    {
        private readonly Dictionary<(string Stratum, string Psu, int Band), int> _index = [];
        private readonly List<PsuCell> _cells = [];

        public int Count => _cells.Count;

        public void Add(PsuCell[]? cells)
        {
            if (cells is null) return;
            foreach (var c in cells)
            {
                if (_index.TryGetValue((c.Stratum, c.Psu, c.Band), out var i))
                {
                    var s = _cells[i];
                    _cells[i] = s with { WeightedCases = s.WeightedCases + c.WeightedCases, WeightedTotal = s.WeightedTotal + c.WeightedTotal, Units = s.Units + c.Units };
                }
                else
                {
                    _index[(c.Stratum, c.Psu, c.Band)] = _cells.Count;
                    _cells.Add(c);
                }
            }
        }

        public IReadOnlyList<PsuCell> Cells() => _cells;
    }
}
