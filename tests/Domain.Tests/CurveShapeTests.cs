using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;

namespace Cohort.Domain.Tests;

/// <summary>
/// The OGTT curve shape (Tschritter 2003 classes; a fall or rise counts beyond 4.5 mg/dL): worked curves of each class, the threshold
/// itself, missing samples, and a 3-hour test read over its first two hours.
/// </summary>
public sealed class CurveShapeTests
{
    private static readonly double D = CurveShapes.DeltaMmolPerLitre;

    [Theory]
    [InlineData(new[] { 5.0, 8.0, 9.0, 7.5, 6.0 }, CurveShape.Monophasic)]
    [InlineData(new[] { 5.0, 8.5, 7.0, 8.0, 6.5 }, CurveShape.Biphasic)]
    [InlineData(new[] { 5.0, 9.0, 7.0, 6.5, 7.5 }, CurveShape.Biphasic)]
    [InlineData(new[] { 5.0, 6.0, 7.0, 8.0, 9.0 }, CurveShape.IncessantIncrease)]
    [InlineData(new[] { 5.0, 8.0, 8.1, 8.0, 8.0 }, CurveShape.Unclassified)]
    public void Worked_curves_take_their_class(double[] glucose, CurveShape expected) => Assert.Equal(expected, CurveShapes.Classify(glucose));

    [Fact]
    public void The_threshold_is_4_5_mg_per_dl_and_a_change_must_exceed_it()
    {
        Assert.Equal(0.249778, D, 1e-6);
        // A fall of exactly δ and a rise back: not biphasic (the peak at 30 then decides: 120 min is more than δ below it).
        Assert.Equal(CurveShape.Monophasic, CurveShapes.Classify([5.0, 8.0, 8.0 - D, 8.0, 7.0]));
        Assert.Equal(CurveShape.Biphasic, CurveShapes.Classify([5.0, 8.0, 8.0 - D - 0.01, 8.0, 7.0]));
        // 120 min exactly δ below the peak: not monophasic.
        Assert.Equal(CurveShape.Unclassified, CurveShapes.Classify([5.0, 8.0, 7.9, 7.9, 8.0 - D]));
        // In mg/dL: 90, 150, 160, 150, 130 is monophasic (peak 160, 120 min 30 below it).
        Assert.Equal(CurveShape.Monophasic, CurveShapes.Classify(new[] { 90.0, 150, 160, 150, 130 }.Select(x => x / 18.016).ToArray()));
    }

    [Fact]
    public void A_curve_without_all_five_samples_is_unknown_and_a_three_hour_test_is_read_to_120_minutes()
    {
        Assert.Equal(CurveShape.Unknown, CurveShapes.Classify((OgttCurve?)null));
        Assert.Equal(CurveShape.Unknown, CurveShapes.Classify(OgttCurve.Of((0, 5.0), (30, 8.0), (60, 9.0), (120, 6.0))));
        Assert.Equal(CurveShape.Monophasic, CurveShapes.Classify(OgttCurve.Of((0, 5.0), (30, 8.0), (60, 9.0), (90, 7.5), (120, 6.0), (180, 9.5))));
        Assert.Equal(CurveShape.Biphasic, CurveShapes.Classify(OgttCurve.Of((0, 5.0), (15, 6.0), (30, 8.5), (60, 7.0), (90, 8.0), (120, 6.5))));
    }

    [Fact]
    public void Codes_round_trip()
    {
        foreach (var s in Enum.GetValues<CurveShape>())
        {
            Assert.True(CurveShapes.TryParse(s.Code(), out var back));
            Assert.Equal(s, back);
        }
        Assert.False(CurveShapes.TryParse("wavy", out _));
    }
}
