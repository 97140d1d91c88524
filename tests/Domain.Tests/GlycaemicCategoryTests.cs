using Cohort.Domain.Glycaemia;
using Cohort.Domain.Units;

namespace Cohort.Domain.Tests;

public class GlycaemicCategoryTests
{
    private static GlycaemicCategory Fasting(double v, Unit u, GlycaemicRuleSet r = GlycaemicRuleSet.Ada2025) =>
        GlycaemicClassifier.Classify(r, new ReportedValue(v, u), null, null).Category;

    private static GlycaemicCategory TwoHour(double v, Unit u) =>
        GlycaemicClassifier.Classify(GlycaemicRuleSet.Ada2025, null, new ReportedValue(v, u), null).Category;

    private static GlycaemicCategory A1c(double v, Unit u, GlycaemicRuleSet r = GlycaemicRuleSet.Ada2025) =>
        GlycaemicClassifier.Classify(r, null, null, new ReportedValue(v, u)).Category;

    [Theory]
    [InlineData(5.55, GlycaemicCategory.Normal)]
    [InlineData(5.56, GlycaemicCategory.Normal)] // 100 mg/dL is 5.556 mmol/L, but the published mmol/L threshold is 5.6
    [InlineData(5.6, GlycaemicCategory.Prediabetes)]
    [InlineData(6.94, GlycaemicCategory.Prediabetes)]
    [InlineData(6.99, GlycaemicCategory.Prediabetes)]
    [InlineData(7.0, GlycaemicCategory.Diabetes)]
    public void Fasting_glucose_in_mmol_per_L(double v, GlycaemicCategory expected) => Assert.Equal(expected, Fasting(v, Unit.MmolPerL));

    [Theory]
    [InlineData(99, GlycaemicCategory.Normal)]
    [InlineData(100, GlycaemicCategory.Prediabetes)]
    [InlineData(125, GlycaemicCategory.Prediabetes)]
    [InlineData(126, GlycaemicCategory.Diabetes)]
    public void Fasting_glucose_in_mg_per_dL(double v, GlycaemicCategory expected) => Assert.Equal(expected, Fasting(v, Unit.MgPerDl));

    [Theory]
    [InlineData(7.7, Unit.MmolPerL, GlycaemicCategory.Normal)]
    [InlineData(7.8, Unit.MmolPerL, GlycaemicCategory.Prediabetes)]
    [InlineData(11.0, Unit.MmolPerL, GlycaemicCategory.Prediabetes)]
    [InlineData(11.1, Unit.MmolPerL, GlycaemicCategory.Diabetes)]
    [InlineData(139, Unit.MgPerDl, GlycaemicCategory.Normal)]
    [InlineData(140, Unit.MgPerDl, GlycaemicCategory.Prediabetes)]
    [InlineData(199, Unit.MgPerDl, GlycaemicCategory.Prediabetes)]
    [InlineData(200, Unit.MgPerDl, GlycaemicCategory.Diabetes)]
    public void Two_hour_glucose(double v, Unit u, GlycaemicCategory expected) => Assert.Equal(expected, TwoHour(v, u));

    [Theory]
    [InlineData(38, Unit.MmolPerMol, GlycaemicCategory.Normal)]
    [InlineData(39, Unit.MmolPerMol, GlycaemicCategory.Prediabetes)]
    [InlineData(47, Unit.MmolPerMol, GlycaemicCategory.Prediabetes)]
    [InlineData(48, Unit.MmolPerMol, GlycaemicCategory.Diabetes)]
    [InlineData(5.6, Unit.Percent, GlycaemicCategory.Normal)]
    [InlineData(5.7, Unit.Percent, GlycaemicCategory.Prediabetes)]
    [InlineData(6.4, Unit.Percent, GlycaemicCategory.Prediabetes)]
    [InlineData(6.5, Unit.Percent, GlycaemicCategory.Diabetes)]
    public void HbA1c(double v, Unit u, GlycaemicCategory expected) => Assert.Equal(expected, A1c(v, u));

    [Theory]
    [InlineData(6.0, GlycaemicCategory.Normal)]
    [InlineData(6.1, GlycaemicCategory.Prediabetes)]
    [InlineData(7.0, GlycaemicCategory.Diabetes)]
    public void WHO_2006_fasting_glucose(double v, GlycaemicCategory expected) => Assert.Equal(expected, Fasting(v, Unit.MmolPerL, GlycaemicRuleSet.Who2006));

    [Fact]
    public void WHO_does_not_use_HbA1c_for_intermediate_states()
    {
        Assert.Equal(GlycaemicCategory.Normal, A1c(44, Unit.MmolPerMol, GlycaemicRuleSet.Who2006));
        Assert.Equal(GlycaemicCategory.Diabetes, A1c(48, Unit.MmolPerMol, GlycaemicRuleSet.Who2006));
    }

    [Fact]
    public void Isolated_IFG_and_isolated_IGT()
    {
        var ifg = GlycaemicClassifier.Classify(GlycaemicRuleSet.Ada2025, new(5.9, Unit.MmolPerL), new(6.5, Unit.MmolPerL), null);
        Assert.True(ifg.IsolatedIfg);
        Assert.False(ifg.IsolatedIgt);
        Assert.Equal("isolated IFG", ifg.Label);

        var igt = GlycaemicClassifier.Classify(GlycaemicRuleSet.Ada2025, new(5.2, Unit.MmolPerL), new(9.0, Unit.MmolPerL), null);
        Assert.True(igt.IsolatedIgt);
        Assert.Equal("isolated IGT", igt.Label);

        // Under WHO, 5.9 mmol/L fasting is normal, so the same IGT visit stays isolated IGT, and IFG disappears.
        var who = GlycaemicClassifier.Classify(GlycaemicRuleSet.Who2006, new(5.9, Unit.MmolPerL), new(9.0, Unit.MmolPerL), null);
        Assert.True(who.IsolatedIgt);

        var both = GlycaemicClassifier.Classify(GlycaemicRuleSet.Ada2025, new(6.2, Unit.MmolPerL), new(9.0, Unit.MmolPerL), null);
        Assert.Equal("IFG + IGT", both.Label);
        Assert.False(both.IsolatedIfg || both.IsolatedIgt);

        // IFG without a 2-h value is IFG, not isolated IFG.
        var unknown2h = GlycaemicClassifier.Classify(GlycaemicRuleSet.Ada2025, new(6.2, Unit.MmolPerL), null, null);
        Assert.True(unknown2h.Ifg);
        Assert.False(unknown2h.IsolatedIfg);
    }

    [Fact]
    public void IFG_and_IGT_are_not_reported_when_another_test_is_in_the_diabetes_range()
    {
        var a = GlycaemicClassifier.Classify(GlycaemicRuleSet.Ada2025, new(6.2, Unit.MmolPerL), new(12.0, Unit.MmolPerL), null);
        Assert.Equal(GlycaemicCategory.Diabetes, a.Category);
        Assert.False(a.Ifg);
        Assert.Equal("diabetes range", a.Label);
    }

    [Fact]
    public void No_test_means_unknown() =>
        Assert.Equal(GlycaemicCategory.Unknown, GlycaemicClassifier.Classify(GlycaemicRuleSet.Ada2025, null, null, null).Category);

    [Fact]
    public void A_glucose_in_a_unit_without_a_published_threshold_is_refused() =>
        Assert.Throws<ArgumentException>(() => GlycaemicClassifier.Classify(GlycaemicRuleSet.Ada2025, new(5, Unit.PmolPerL), null, null));

    [Fact]
    public void Categories_are_monotonic_in_the_value()
    {
        foreach (var rule in Enum.GetValues<GlycaemicRuleSet>())
            foreach (var unit in new[] { Unit.MmolPerL, Unit.MgPerDl })
            {
                var previous = GlycaemicCategory.Normal;
                for (var v = 2.0; v < 400; v += 0.01)
                {
                    var c = Fasting(v, unit, rule);
                    Assert.True(c >= previous, $"{rule} {unit}: {v} gave {c} after {previous}");
                    previous = c;
                }
            }
    }
}
