using Cohort.Domain.Cutoffs;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Statistics;

namespace Cohort.Domain.Tests;

public class LocalCutoffTests
{
    private static ReferenceCandidate Healthy(Sex sex, double homa) => new(sex, 40, 5.0, 6.0, 34, 22, 1.0, 1.5, homa);

    private static IEnumerable<ReferenceCandidate> Cohort(int n, int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            var sex = i % 2 == 0 ? Sex.Female : Sex.Male;
            var homa = Math.Exp(Math.Log(sex == Sex.Female ? 1.6 : 1.9) + 0.5 * Gaussian(rng));
            yield return Healthy(sex, homa);
            // Participants outside the reference subgroup, with high HOMA-IR, must not move the cut-offs.
            yield return Healthy(sex, 9) with { Bmi = 31 };
            yield return Healthy(sex, 9) with { FastingGlucose = 6.4 };
            yield return Healthy(sex, 9) with { Triglycerides = 2.4 };
            yield return Healthy(sex, 9) with { Age = 15 };
            yield return Healthy(sex, 9) with { Hdl = null };
        }
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Fact]
    public void Reference_subgroup_follows_section_3_4()
    {
        Assert.True(ReferenceSubgroup.Includes(Healthy(Sex.Female, 1.2), GlycaemicRuleSet.Ada2025));
        Assert.False(ReferenceSubgroup.Includes(Healthy(Sex.Female, 1.2) with { FastingGlucose = 5.8 }, GlycaemicRuleSet.Ada2025));
        Assert.True(ReferenceSubgroup.Includes(Healthy(Sex.Female, 1.2) with { FastingGlucose = 5.8 }, GlycaemicRuleSet.Who2006));
        Assert.False(ReferenceSubgroup.Includes(Healthy(Sex.Female, 1.2) with { Hdl = 1.1 }, GlycaemicRuleSet.Ada2025));
        Assert.True(ReferenceSubgroup.Includes(Healthy(Sex.Male, 1.2) with { Hdl = 1.1 }, GlycaemicRuleSet.Ada2025));
        Assert.True(ReferenceSubgroup.Includes(Healthy(Sex.Male, 1.2) with { TwoHourGlucose = null, HbA1c = null }, GlycaemicRuleSet.Ada2025));
        Assert.False(ReferenceSubgroup.Includes(Healthy(Sex.Male, 1.2) with { TwoHourGlucose = 8.0 }, GlycaemicRuleSet.Ada2025));
        Assert.False(ReferenceSubgroup.Includes(Healthy(Sex.Male, 1.2) with { Bmi = null }, GlycaemicRuleSet.Ada2025));
    }

    [Fact]
    public void Percentiles_are_type_7_of_the_reference_subgroup_with_bootstrap_CIs_by_sex()
    {
        var data = Cohort(2000, 7).ToArray();
        var result = LocalCutoffDerivation.Derive(data, seed: 11, replicates: 400);
        var all = result.Groups.Single(g => g.Group == "all");
        Assert.Equal(2000, all.N);
        var homas = data.Where(c => ReferenceSubgroup.Includes(c, GlycaemicRuleSet.Ada2025)).Select(c => c.HomaIr!.Value).ToArray();
        foreach (var e in all.Estimates)
        {
            Assert.Equal(Percentile.Of(homas, e.Percentile), e.Value, 12);
            Assert.True(e.Lower < e.Value && e.Value < e.Upper, $"p{e.Percentile}: {e.Lower} {e.Value} {e.Upper}");
            Assert.True(e.Upper - e.Lower < 0.5 * e.Value);
        }
        Assert.Equal([0.75, 0.80, 0.90], all.Estimates.Select(e => e.Percentile));
        var women = result.Groups.Single(g => g.Group == "F");
        var men = result.Groups.Single(g => g.Group == "M");
        Assert.Equal(1000, women.N);
        Assert.True(women.Estimates[0].Value < men.Estimates[0].Value);
        Assert.All(result.ReferenceCriteria, c => Assert.False(string.IsNullOrWhiteSpace(c)));
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals()
    {
        var data = Cohort(300, 3).ToArray();
        var a = LocalCutoffDerivation.Derive(data, seed: 5, replicates: 200);
        var b = LocalCutoffDerivation.Derive(data, seed: 5, replicates: 200);
        var c = LocalCutoffDerivation.Derive(data, seed: 6, replicates: 200);
        Assert.Equal(a.Groups.SelectMany(g => g.Estimates), b.Groups.SelectMany(g => g.Estimates));
        Assert.NotEqual(a.Groups.SelectMany(g => g.Estimates), c.Groups.SelectMany(g => g.Estimates));
    }

    [Fact]
    public void Too_small_a_reference_subgroup_is_undefined_with_a_reason()
    {
        // CLSI EP28-A3c: 120 reference individuals. 119 in the subgroup are refused (each sex then has about 60), 120 are enough.
        var result = LocalCutoffDerivation.Derive(Cohort(119, 1), replicates: 100);
        var all = result.Groups.Single(g => g.Group == "all");
        Assert.Equal(119, all.N);
        Assert.Empty(all.Estimates);
        Assert.Contains("at least 120", all.UndefinedReason);
        Assert.Contains("CLSI EP28-A3c", all.UndefinedReason);
        Assert.NotNull(result.Groups.Single(g => g.Group == "F").UndefinedReason);
        var enough = LocalCutoffDerivation.Derive(Cohort(120, 1), replicates: 100).Groups.Single(g => g.Group == "all");
        Assert.Null(enough.UndefinedReason);
        Assert.Equal(3, enough.Estimates.Count);
    }
}
