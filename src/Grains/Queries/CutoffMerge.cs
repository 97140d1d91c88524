using Cohort.Contracts.Queries;
using Cohort.Domain.Cutoffs;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Statistics;

namespace Cohort.Grains.Queries;

/// <summary>
/// The HOMA-IR cut-off comparison from the shards' counts: prevalence of "insulin resistant" under each registry cut-off among the
/// visits it applies to, whether it applies to the filtered population, and local cut-offs derived from the reference candidates.
/// </summary>
internal static class CutoffMerge
{
    public static CutoffPrevalence[] Rows(IReadOnlyList<CutoffCounts> counts, IReadOnlyList<HomaIrCutoff> registry, CohortFilter filter, CountRelease release)
    {
        long defined = counts.Sum(c => c.Defined.Values.Sum());
        var above = new long[registry.Count];
        var applicable = new long[registry.Count];
        var aboveKeys = new uint[registry.Count];
        var applicableKeys = new uint[registry.Count];
        var definedKey = 0u;
        foreach (var c in counts)
        {
            foreach (var a in c.AtOrAbove.Values) for (var t = 0; t < above.Length; t++) above[t] += a[t];
            foreach (var a in c.Applicable.Values) for (var t = 0; t < applicable.Length; t++) applicable[t] += a[t];
            foreach (var k in c.AtOrAboveKeys?.Values ?? []) for (var t = 0; t < above.Length; t++) aboveKeys[t] = unchecked(aboveKeys[t] + k[t]);
            foreach (var k in c.ApplicableKeys?.Values ?? []) for (var t = 0; t < applicable.Length; t++) applicableKeys[t] = unchecked(applicableKeys[t] + k[t]);
            foreach (var k in c.DefinedKeys?.Values ?? []) definedKey = unchecked(definedKey + k);
        }
        // Perturbed views: each count with its own cell's key and its population's (the cases' key holds the counted visits'; the
        // not-counted visits' key is the visits with HOMA-IR less those counted).
        var disclosure = release.Disclosure;
        var (ageFrom, ageTo) = AgeRange(filter.AgeBand);
        Sex? sex = filter.Sex is [var only] ? SexCodes.Parse(only) : null;
        return registry.Select((c, t) =>
        {
            var applies = c.AppliesTo(ageFrom, ageTo, sex);
            var exactN = applicable[t];
            var released = !release.IsSmall(exactN) && !release.IsSmall(above[t]) && !release.IsSmall(exactN - above[t]);
            var population = new CellKey(applicableKeys[t]);
            var n = disclosure.Count(exactN, population);
            var cases = Math.Min(disclosure.Count(above[t], new CellKey(aboveKeys[t]).Merge(population)), n);
            var notCountedKey = new CellKey(unchecked(definedKey - applicableKeys[t])).Merge(new CellKey(definedKey));
            ProportionEstimate? p = released && n > 0 ? ProportionInterval.Wilson(cases, n) : null;
            return new CutoffPrevalence
            {
                Id = c.Id,
                Value = c.Value!.Value,
                Population = c.Population,
                AgeGroup = c.AgeGroup,
                Sex = c.Sex?.Code(),
                Derivation = c.Derivation,
                Citation = c.Citation,
                Applies = applies.Verdict.ToString(),
                ApplicabilityReasons = applies.Reasons,
                Cases = released ? cases : null,
                Total = release.IsSmall(exactN) ? null : n,
                Proportion = p?.Proportion,
                Lower = p?.Lower,
                Upper = p?.Upper,
                AppliedConditions = c.AppliedConditions(),
                UncheckedConditions = c.UncheckedConditions(),
                NotCounted = release.IsSmall(defined - exactN) ? null : disclosure.Count(defined - exactN, notCountedKey),
            };
        }).ToArray();
    }

    /// <summary>Local cut-offs (percentiles of HOMA-IR in a healthy reference subgroup) from the shards' candidates; small subgroups withheld.</summary>
    public static (LocalCutoffView[] Views, LocalCutoffs Derived) Local(IEnumerable<ReferenceRow> rows, GlycaemicRuleSet ruleSet, CountRelease release)
    {
        static double? N(float x) => float.IsNaN(x) ? null : x;
        var reference = rows.Select(r => new ReferenceCandidate((Sex)r.Sex, N(r.Age), N(r.FastingGlucose), N(r.TwoHourGlucose), N(r.HbA1c), N(r.Bmi),
            N(r.Triglycerides), N(r.Hdl), N(r.HomaIr))).ToArray();
        var local = LocalCutoffDerivation.Derive(reference, ruleSet);
        var views = local.Groups.SelectMany(g => g.UndefinedReason is { } why || release.IsSmall(g.N)
                ? [new LocalCutoffView(g.Group, release.Shown(g.N), 0, null, null, null, g.UndefinedReason ?? "reference subgroup too small to release")]
                : g.Estimates.Select(e => new LocalCutoffView(g.Group, g.N, e.Percentile, e.Value, e.Lower, e.Upper, null))).ToArray();
        return (views, local);
    }

    /// <summary>The age range the age-band filter selects (null ends when open or not filtered).</summary>
    public static (double? From, double? To) AgeRange(IReadOnlyList<string>? bands)
    {
        if (bands is not { Count: > 0 } || bands.Any(b => b == ShardScan.Unknown)) return (null, null);
        var idx = bands.Select(b => Array.IndexOf(ShardScan.AgeBands, b)).Where(i => i >= 0).ToArray();
        if (idx.Length == 0) return (null, null);
        double? from = idx.Min() == 0 ? null : idx.Min() * 10 + 10;
        double? to = idx.Max() == ShardScan.AgeBands.Length - 1 ? null : idx.Max() * 10 + 19;
        return (from, to);
    }
}
