using Cohort.Domain.Cutoffs;
using Cohort.Domain.Indices;

namespace Cohort.Domain.Tests;

public class CutoffRegistryTests
{
    [Fact]
    public void Registry_holds_every_reference_row_with_provenance()
    {
        var all = CutoffRegistry.All;
        Assert.True(all.Count >= 33);
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
    [InlineData("stern-2005-bmi", 3.60)]
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
}
