using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Statistics;

namespace Cohort.Domain.Cutoffs;

/// <summary>
/// Derives a cohort's own HOMA-IR cut-offs (docs/science.md#local-cut-offs): the 75th (EGIR/WHO), 80th (Bonora) and 90th (BRAMS/Ascaso)
/// percentiles in the reference subgroup, overall and by sex, each with a seeded percentile-bootstrap 95% CI.
/// </summary>
public static class LocalCutoffDerivation
{
    /// <summary>
    /// CLSI EP28-A3c: at least 120 reference individuals for a nonparametric reference limit with its 90% confidence interval; with
    /// fewer, the upper percentiles rest on a handful of people and the interval cannot be trusted.
    /// </summary>
    public const int MinimumReferenceSize = 120;
    public static readonly double[] DefaultPercentiles = [0.75, 0.80, 0.90];

    public static LocalCutoffs Derive(IEnumerable<ReferenceCandidate> candidates, GlycaemicRuleSet ruleSet = GlycaemicRuleSet.Ada2025,
        int seed = 20250101, int replicates = 1000, IReadOnlyList<double>? percentiles = null)
    {
        if (replicates < 100) throw new ArgumentOutOfRangeException(nameof(replicates), replicates, "use at least 100 bootstrap replicates");
        var ps = percentiles ?? DefaultPercentiles;
        var reference = candidates.Where(c => ReferenceSubgroup.Includes(c, ruleSet)).ToArray();
        LocalCutoffGroup Group(string name, int offset, Func<ReferenceCandidate, bool> keep) =>
            DeriveGroup(name, reference.Where(keep).Select(c => c.HomaIr!.Value).ToArray(), ps, seed + offset, replicates);
        return new LocalCutoffs(ruleSet, ReferenceSubgroup.Criteria(ruleSet),
            [
                Group("all", 0, _ => true),
                Group("F", 1, c => c.Sex == Sex.Female),
                Group("M", 2, c => c.Sex == Sex.Male),
            ],
            seed, replicates, "type-7 percentile; percentile bootstrap (2.5th and 97.5th of replicate estimates)");
    }

    private static LocalCutoffGroup DeriveGroup(string name, double[] values, IReadOnlyList<double> percentiles, int seed, int replicates)
    {
        if (values.Length < MinimumReferenceSize)
            return new(name, values.Length, [], $"only {values.Length} reference participants; at least {MinimumReferenceSize} are needed for a nonparametric percentile (CLSI EP28-A3c)");
        Array.Sort(values);
        var rng = new Random(seed);
        var boot = new double[percentiles.Count][];
        for (var k = 0; k < boot.Length; k++) boot[k] = new double[replicates];
        var counts = new int[values.Length];
        var estimate = new double[percentiles.Count];
        for (var b = 0; b < replicates; b++)
        {
            Array.Clear(counts);
            for (var j = 0; j < values.Length; j++) counts[rng.Next(values.Length)]++;
            ResampledPercentiles(values, counts, percentiles, estimate);
            for (var k = 0; k < boot.Length; k++) boot[k][b] = estimate[k];
        }
        var result = new LocalCutoffEstimate[percentiles.Count];
        for (var k = 0; k < result.Length; k++)
        {
            Array.Sort(boot[k]);
            result[k] = new(percentiles[k], Percentile.OfSorted(values, percentiles[k]),
                Percentile.OfSorted(boot[k], 0.025), Percentile.OfSorted(boot[k], 0.975));
        }
        return new(name, values.Length, result, null);
    }

    /// <summary>
    /// Type-7 percentiles of a bootstrap resample given as multiplicities of the sorted original values: one linear walk instead of a
    /// sort per replicate.
    /// </summary>
    private static void ResampledPercentiles(double[] sorted, int[] counts, IReadOnlyList<double> percentiles, double[] into)
    {
        var n = sorted.Length;
        for (var k = 0; k < percentiles.Count; k++)
        {
            var h = (n - 1) * percentiles[k];
            var lo = (int)Math.Floor(h);
            double a = OrderStatistic(sorted, counts, lo), b = lo + 1 < n ? OrderStatistic(sorted, counts, lo + 1) : a;
            into[k] = a + (h - lo) * (b - a);
        }
    }

    private static double OrderStatistic(double[] sorted, int[] counts, int rank)
    {
        var seen = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            seen += counts[i];
            if (seen > rank) return sorted[i];
        }
        return sorted[^1];
    }
}
