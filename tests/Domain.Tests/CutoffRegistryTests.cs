using Cohort.Domain.Cutoffs;
using Cohort.Domain.Indices;

namespace Cohort.Domain.Tests;

public class CutoffRegistryTests
{
    [Fact]
    public void Registry_holds_every_reference_row_with_provenance()
    {
        var all = CutoffRegistry.All;
        Assert.True(all.Count >= 32);
        Assert.All(all, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Population), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.AgeGroup), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Derivation), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Citation), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Status), c.Id);
        });
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("bonora-1998", 2.77)]
    [InlineData("ascaso-2001", 3.8)]
    [InlineData("stern-2005", 4.65)]
    [InlineData("lee-2016-hk", 1.37)]
    [InlineData("jds-ir", 2.5)]
    [InlineData("lee-2006", 4.39)]
    public void Published_values(string id, double value) => Assert.Equal(value, CutoffRegistry.Get(id).Value);

    [Fact]
    public void Matthews_1985_proposes_no_threshold()
    {
        Assert.Null(CutoffRegistry.Get("matthews-1985").Value);
        Assert.DoesNotContain(CutoffRegistry.WithThreshold, c => c.Id == "matthews-1985");
    }

    [Fact]
    public void Uncertain_values_say_so() =>
        Assert.Equal("value-uncertain", CutoffRegistry.Get("qu-2011").Status);

    [Fact]
    public void Applicability_to_a_stratum()
    {
        var kurtoglu = CutoffRegistry.Get("kurtoglu-2010-pubertal-girls");
        Assert.Equal(ApplicabilityVerdict.DoesNotApply, kurtoglu.AppliesTo(40, 60, Sex.Female).Verdict);
        Assert.Equal(ApplicabilityVerdict.DoesNotApply, kurtoglu.AppliesTo(12, 16, Sex.Male).Verdict);
        Assert.Contains(kurtoglu.AppliesTo(12, 16, Sex.Female).Reasons, r => r.Contains("obese"));

        var bonora = CutoffRegistry.Get("bonora-1998");
        Assert.Equal(ApplicabilityVerdict.Applies, bonora.AppliesTo(45, 70, null).Verdict);
        Assert.Equal(ApplicabilityVerdict.Partly, bonora.AppliesTo(20, 85, null).Verdict);
        Assert.Equal(ApplicabilityVerdict.DoesNotApply, bonora.AppliesTo(18, 30, null).Verdict);

        var yunMen = CutoffRegistry.Get("yun-2016-men");
        Assert.Equal(ApplicabilityVerdict.DoesNotApply, yunMen.AppliesTo(30, 50, Sex.Female).Verdict);
        Assert.Equal(ApplicabilityVerdict.Partly, yunMen.AppliesTo(30, 50, null).Verdict);
    }

    private static CutoffSubject Visit(Sex sex = Sex.Female, double? age = 45, double? homa = 3.0, double? bmi = 24, double? fpgMgDl = 95, bool diabetes = false) =>
        new(sex, age, homa, bmi, fpgMgDl, diabetes);

    [Theory]
    // Stern 2005: insulin resistant if BMI > 28.9, or HOMA-IR > 4.65, or BMI > 27.5 and HOMA-IR > 3.60 (strict inequalities).
    [InlineData(4.66, 22.0, CutoffOutcome.AtOrAbove)]   // HOMA alone
    [InlineData(4.65, 22.0, CutoffOutcome.Below)]       // equal is not above
    [InlineData(1.20, 29.0, CutoffOutcome.AtOrAbove)]   // BMI alone, whatever HOMA says
    [InlineData(1.20, 28.9, CutoffOutcome.Below)]
    [InlineData(3.61, 27.6, CutoffOutcome.AtOrAbove)]   // BMI > 27.5 with HOMA > 3.60
    [InlineData(3.60, 27.6, CutoffOutcome.Below)]
    [InlineData(4.00, 27.5, CutoffOutcome.Below)]       // 4.00 is above 3.60 but BMI 27.5 is not above 27.5, and 4.00 < 4.65
    public void Stern_applies_its_whole_decision_rule(double homa, double bmi, CutoffOutcome expected) =>
        Assert.Equal(expected, CutoffRegistry.Get("stern-2005").Classify(Visit(homa: homa, bmi: bmi)));

    [Fact]
    public void Stern_needs_BMI_unless_HOMA_IR_alone_decides()
    {
        var stern = CutoffRegistry.Get("stern-2005");
        Assert.Equal(CutoffOutcome.Undetermined, stern.Classify(Visit(homa: 3.9, bmi: null)));
        Assert.Equal(CutoffOutcome.AtOrAbove, stern.Classify(Visit(homa: 5.0, bmi: null)));
        // Stern's cohorts included people with diabetes (2,138 of 2,321 without): a diabetes-range visit stays in.
        Assert.Equal(CutoffOutcome.AtOrAbove, stern.Classify(Visit(homa: 5.0, diabetes: true)));
        Assert.Contains(stern.AppliedConditions(), c => c.Contains("BMI > 28.9"));
    }

    [Fact]
    public void Japan_Diabetes_Society_cut_offs_only_read_HOMA_IR_at_fasting_glucose_of_140_mg_dL_or_less()
    {
        var jds = CutoffRegistry.Get("jds-ir");
        Assert.Equal(CutoffOutcome.AtOrAbove, jds.Classify(Visit(homa: 2.5, fpgMgDl: 140)));
        Assert.Equal(CutoffOutcome.NotApplicable, jds.Classify(Visit(homa: 6.0, fpgMgDl: 141)));
        Assert.Equal(CutoffOutcome.Below, jds.Classify(Visit(homa: 2.49, fpgMgDl: 100)));
        // "1.6 or less is normal": 1.6 itself is normal, so only values above 1.6 count.
        var normal = CutoffRegistry.Get("jds-normal");
        Assert.Equal(CutoffOutcome.Below, normal.Classify(Visit(homa: 1.6)));
        Assert.Equal(CutoffOutcome.AtOrAbove, normal.Classify(Visit(homa: 1.61)));
    }

    [Fact]
    public void Cut_offs_derived_without_diabetes_leave_diabetes_range_visits_out()
    {
        var bonora = CutoffRegistry.Get("bonora-1998");
        Assert.True(bonora.DerivedWithoutDiabetes);
        Assert.Equal(CutoffOutcome.NotApplicable, bonora.Classify(Visit(homa: 8, diabetes: true)));
        Assert.Equal(CutoffOutcome.AtOrAbove, bonora.Classify(Visit(homa: 2.77)));
        Assert.Contains(bonora.AppliedConditions(), c => c.Contains("outside the diabetes range"));
        // Unstated in the source: applied to every visit, and the reader is told.
        var qu = CutoffRegistry.Get("qu-2011");
        Assert.Null(qu.DerivedWithoutDiabetes);
        Assert.Equal(CutoffOutcome.AtOrAbove, qu.Classify(Visit(homa: 4, diabetes: true)));
        Assert.Contains(qu.UncheckedConditions(), c => c.Contains("not stated"));
    }

    [Fact]
    public void Sex_and_age_conditions_decide_the_denominator()
    {
        var men = CutoffRegistry.Get("yun-2016-men");
        Assert.Equal(CutoffOutcome.NotApplicable, men.Classify(Visit(sex: Sex.Female, homa: 5)));
        Assert.Equal(CutoffOutcome.NotApplicable, men.Classify(Visit(sex: Sex.Unknown, homa: 5)));
        Assert.Equal(CutoffOutcome.AtOrAbove, men.Classify(Visit(sex: Sex.Male, homa: 2.23)));
        Assert.Contains(CutoffRegistry.Get("yun-2016-premeno").UncheckedConditions(), c => c == "not checked: premenopausal");

        var bonora = CutoffRegistry.Get("bonora-1998");   // 40-79 y, whole years at the visit, both ends included
        Assert.Equal(CutoffOutcome.NotApplicable, bonora.Classify(Visit(age: 39)));
        Assert.Equal(CutoffOutcome.Below, bonora.Classify(Visit(age: 40, homa: 2.0)));
        Assert.Equal(CutoffOutcome.AtOrAbove, bonora.Classify(Visit(age: 79)));
        Assert.Equal(CutoffOutcome.NotApplicable, bonora.Classify(Visit(age: 80)));
        Assert.Equal(CutoffOutcome.Undetermined, bonora.Classify(Visit(age: null)));
        Assert.Equal(CutoffOutcome.Undetermined, bonora.Classify(Visit(homa: null)));
    }
}
