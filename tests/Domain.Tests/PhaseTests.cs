using Cohort.Domain.Glycaemia;
using Cohort.Domain.Phases;
using Cohort.Domain.Units;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cohort.Domain.Tests;

public class PhaseTests
{
    private static readonly InsulinSignalCutoff Homa25 = InsulinSignalCutoff.HomaIr(2.5, "jds-ir");

    [Theory]
    [InlineData(GlycaemicCategory.Normal, 1.4, Phase.Normal)]
    [InlineData(GlycaemicCategory.Normal, 2.5, Phase.Compensated)]
    [InlineData(GlycaemicCategory.Normal, 4.0, Phase.Compensated)]
    [InlineData(GlycaemicCategory.Prediabetes, 1.0, Phase.Intermediate)]
    [InlineData(GlycaemicCategory.Diabetes, 6.0, Phase.Decompensated)]
    [InlineData(GlycaemicCategory.Unknown, 6.0, Phase.Unknown)]
    public void Phase_follows_category_and_HOMA_IR(GlycaemicCategory category, double homa, Phase expected) =>
        Assert.Equal(expected, PhaseClassifier.Classify(category, homa, null, Homa25));

    [Fact]
    public void Normoglycaemia_without_an_insulin_signal_is_unknown_not_normal() =>
        Assert.Equal(Phase.Unknown, PhaseClassifier.Classify(GlycaemicCategory.Normal, null, null, Homa25));

    [Fact]
    public void The_cutoff_can_be_a_fasting_insulin()
    {
        var cutoff = InsulinSignalCutoff.FastingInsulinMicroUnits(16.7, ConversionFactors.Default, "ascaso-2001");
        Assert.Equal(100.2, cutoff.Threshold, 1e-9);
        Assert.Equal(Phase.Compensated, PhaseClassifier.Classify(GlycaemicCategory.Normal, null, 110, cutoff));
        Assert.Equal(Phase.Normal, PhaseClassifier.Classify(GlycaemicCategory.Normal, 9.9, 90, cutoff));
    }

    [Property(MaxTest = 1000)]
    public Property Raising_the_cutoff_never_makes_anyone_more_compensated() =>
        Prop.ForAll(Gen.Choose(1, 10_000).Select(i => i / 1000.0).ToArbitrary(), Gen.Choose(1, 5000).Select(i => i / 1000.0).ToArbitrary(),
            Gen.Choose(0, 3000).Select(i => i / 1000.0).ToArbitrary(), (homa, cut, delta) =>
            {
                var low = PhaseClassifier.Classify(GlycaemicCategory.Normal, homa, null, InsulinSignalCutoff.HomaIr(cut, "a"));
                var high = PhaseClassifier.Classify(GlycaemicCategory.Normal, homa, null, InsulinSignalCutoff.HomaIr(cut + delta, "b"));
                return !(low == Phase.Normal && high == Phase.Compensated);
            });
}
