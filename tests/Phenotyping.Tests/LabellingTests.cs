using Cohort.Domain.Phenotypes;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Labelling;

namespace Cohort.Phenotyping.Tests;

/// <summary>The label rules on hand-made centroids, including both sides of each threshold.</summary>
public sealed class LabellingTests
{
    [Theory]
    [InlineData(-0.8, -0.9, -0.7, Phenotype.NoRaisedTissueScore)]
    [InlineData(0.34, 0.0, -0.2, Phenotype.NoRaisedTissueScore)]   // nothing reaches 0.35
    [InlineData(0.36, 0.0, -0.2, Phenotype.HepaticDominant)]    // reaches 0.35 and leads by 0.36
    [InlineData(1.2, 0.3, 0.4, Phenotype.HepaticDominant)]
    [InlineData(0.1, 0.9, 0.0, Phenotype.MuscleDominant)]
    [InlineData(0.5, 0.6, 1.3, Phenotype.AdiposeDominant)]
    [InlineData(1.1, 1.0, 0.9, Phenotype.Mixed)]
    [InlineData(1.0, 0.81, 0.2, Phenotype.Mixed)]               // leads by 0.19 < 0.20
    [InlineData(1.0, 0.79, 0.2, Phenotype.HepaticDominant)]     // leads by 0.21
    public void Labels_follow_the_stated_rules(double hepatic, double muscle, double adipose, Phenotype expected)
    {
        var label = PhenotypeLabeller.Label(new TissueScores(hepatic, muscle, adipose));
        Assert.Equal(expected, label.Phenotype);
        Assert.False(string.IsNullOrWhiteSpace(label.Rationale));
    }

    [Fact]
    public void Tissue_scores_average_the_oriented_z_of_each_tissue_and_skip_missing_features()
    {
        PhenotypeFeature F(string m, Tissue t) => new(m, t, false, 1, "");
        PhenotypeFeature[] features = [F("a", Tissue.Hepatic), F("b", Tissue.Hepatic), F("c", Tissue.Muscle), F("d", Tissue.Adipose), F("e", Tissue.Adipose)];
        var s = TissueScores.Of([1f, 2f, -1f, 0.5f, float.NaN], features);
        Assert.Equal(1.5, s.Hepatic, 6);
        Assert.Equal(-1, s.Muscle, 6);
        Assert.Equal(0.5, s.Adipose, 6);
    }

    [Fact]
    public void The_rationale_names_the_numbers()
    {
        var label = PhenotypeLabeller.Label(new TissueScores(1.2, 0.3, 0.4));
        Assert.Contains("hepatic score +1.20", label.Rationale);
        Assert.Contains("adipose +0.40", label.Rationale);
    }
}
