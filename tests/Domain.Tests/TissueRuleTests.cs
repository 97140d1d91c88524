using Cohort.Domain.Phenotypes;

namespace Cohort.Domain.Tests;

/// <summary>HIRI/MISI tertile phenotypes: tertiles by R's type-7 quantiles, the four classes, and a third of the cohort in each tertile.</summary>
public sealed class TissueRuleTests
{
    [Fact]
    public void Tertiles_are_type_7_quantiles_and_classes_follow_the_rule()
    {
        // HIRI 1..90 and MISI 90..1: quantile(1:90, 2/3) = 60.333…, quantile(1:90, 1/3) = 30.666… (R: quantile(1:90, c(1/3, 2/3))).
        var hiri = Enumerable.Range(1, 90).Select(x => (double)x).ToArray();
        var misi = hiri.Reverse().ToArray();
        var t = TissueRuleTertiles.Derive(hiri, misi)!;
        Assert.Equal(60.333333, t.HiriUpper, 1e-6);
        Assert.Equal(30.666667, t.MisiLower, 1e-6);
        Assert.Equal(90, t.N);
        Assert.Equal(TissueRulePhenotype.LiverInsulinResistance, t.Classify(70, 50));
        Assert.Equal(TissueRulePhenotype.MuscleInsulinResistance, t.Classify(10, 20));
        Assert.Equal(TissueRulePhenotype.CombinedInsulinResistance, t.Classify(70, 20));
        Assert.Equal(TissueRulePhenotype.NoInsulinResistance, t.Classify(10, 50));
        Assert.Equal(TissueRulePhenotype.Undetermined, t.Classify(double.NaN, 50));
        // Exactly at a boundary is not in the extreme tertile.
        Assert.Equal(TissueRulePhenotype.NoInsulinResistance, t.Classify(t.HiriUpper, t.MisiLower));
    }

    [Fact]
    public void With_independent_indices_a_third_are_liver_and_a_third_muscle_and_about_a_ninth_both()
    {
        var rng = new Random(2);
        var hiri = Enumerable.Range(0, 9000).Select(_ => rng.NextDouble()).ToArray();
        var misi = Enumerable.Range(0, 9000).Select(_ => rng.NextDouble()).ToArray();
        var t = TissueRuleTertiles.Derive(hiri, misi)!;
        var classes = hiri.Select((h, i) => t.Classify(h, misi[i])).ToArray();
        double Share(params TissueRulePhenotype[] p) => classes.Count(p.Contains) / 9000.0;
        Assert.Equal(1 / 3.0, Share(TissueRulePhenotype.LiverInsulinResistance, TissueRulePhenotype.CombinedInsulinResistance), 0.005);
        Assert.Equal(1 / 3.0, Share(TissueRulePhenotype.MuscleInsulinResistance, TissueRulePhenotype.CombinedInsulinResistance), 0.005);
        Assert.Equal(1 / 9.0, Share(TissueRulePhenotype.CombinedInsulinResistance), 0.012);
        Assert.Null(TissueRuleTertiles.Derive(hiri.Take(10).ToArray(), misi.Take(10).ToArray()));
    }
}
