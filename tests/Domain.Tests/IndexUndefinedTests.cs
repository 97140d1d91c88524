using Cohort.Domain.Indices;
using Cohort.Domain.Units;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cohort.Domain.Tests;

/// <summary>Where an index has no meaningful value it says undefined and why; it never returns NaN, infinity or a clipped value.</summary>
public class IndexUndefinedTests
{
    private static IndexResult Compute(IndexId id, VisitMeasurements v) => IndexCatalogue.Get(id).Compute(v, ConversionFactors.Default);

    [Theory]
    [InlineData(3.5)]
    [InlineData(3.2)]
    public void HOMA_B_is_undefined_at_or_below_3_5_mmol_per_L(double glucose)
    {
        var r = Compute(IndexId.HomaBeta, new VisitMeasurements { FastingGlucose = glucose, FastingInsulin = 40 });
        Assert.False(r.IsDefined);
        Assert.Contains("3.5 mmol/L", r.UndefinedReason);
        Assert.True(Compute(IndexId.HomaBeta, new VisitMeasurements { FastingGlucose = 3.51, FastingInsulin = 40 }).IsDefined);
    }

    [Theory]
    [InlineData(5.0, 5.0)]
    [InlineData(5.0, 4.6)]
    public void IGI_and_disposition_index_are_undefined_when_glucose_does_not_rise(double g0, double g30)
    {
        var v = new VisitMeasurements { GlucoseCurve = OgttCurve.Of((0, g0), (30, g30), (120, 6)), InsulinCurve = OgttCurve.Of((0, 50), (30, 300), (120, 200)) };
        var igi = Compute(IndexId.Igi, v);
        Assert.False(igi.IsDefined);
        Assert.Contains("ΔG ≤ 0", igi.UndefinedReason);
        var di = Compute(IndexId.OralDispositionIndex, v);
        Assert.False(di.IsDefined);
        Assert.Contains("insulinogenic", di.UndefinedReason);
    }

    [Fact]
    public void MISI_is_undefined_when_glucose_peaks_at_the_last_sample()
    {
        var v = new VisitMeasurements
        {
            GlucoseCurve = OgttCurve.Of((0, 5), (30, 7), (60, 8), (90, 9), (120, 10)),
            InsulinCurve = OgttCurve.Of((0, 50), (30, 300), (60, 400), (90, 400), (120, 380)),
        };
        var r = Compute(IndexId.Misi, v);
        Assert.False(r.IsDefined);
        Assert.Contains("does not fall after its peak", r.UndefinedReason);
    }

    [Fact]
    public void MISI_uses_the_available_points_of_a_shorter_schedule()
    {
        // 0/30/60/120: peak at 60, nadir at 120; the least-squares line through two points is their slope.
        var v = new VisitMeasurements
        {
            GlucoseCurve = OgttCurve.Of((0, 5), (30, 8), (60, 9), (120, 6)),
            InsulinCurve = OgttCurve.Of((0, 60), (30, 360), (60, 480), (120, 300)),
        };
        Golden.Near(3.0 / 60 / 300 * 1000, Compute(IndexId.Misi, v).Value);
    }

    [Fact]
    public void LAP_below_the_population_minimum_waist_is_undefined_not_clipped()
    {
        var r = Compute(IndexId.Lap, new VisitMeasurements { Sex = Sex.Male, Waist = 60, Triglycerides = 1.2 });
        Assert.False(r.IsDefined);
        Assert.Contains("65 cm", r.UndefinedReason);
        Assert.Equal(0, Compute(IndexId.Lap, new VisitMeasurements { Sex = Sex.Female, Waist = 58, Triglycerides = 1.2 }).Value);
    }

    [Fact]
    public void Sex_specific_formulas_are_undefined_for_unknown_sex()
    {
        var a = Participants.A(UnitConverter.Default) with { Sex = Sex.Unknown };
        foreach (var id in new[] { IndexId.Hsi, IndexId.Vai, IndexId.Lap })
            Assert.Contains("sex unknown", Compute(id, a).UndefinedReason);
    }

    [Fact]
    public void HSI_is_undefined_when_diabetes_status_is_unknown() =>
        Assert.Contains("diabetes status", Compute(IndexId.Hsi, Participants.A(UnitConverter.Default, diabetes: null)).UndefinedReason);

    [Fact]
    public void Missing_inputs_are_named()
    {
        var r = Compute(IndexId.HomaIr, new VisitMeasurements { FastingGlucose = 5 });
        Assert.Equal("missing fasting insulin", r.UndefinedReason);
        var all = IndexCatalogue.ComputeAll(new VisitMeasurements(), ConversionFactors.Default);
        Assert.All(all, x => Assert.StartsWith("missing", x.UndefinedReason));
    }

    [Fact]
    public void The_OGTT_minute_0_sample_stands_in_for_a_missing_fasting_value()
    {
        var a = Participants.A(UnitConverter.Default);
        Assert.Null(a.FastingGlucose);
        Assert.True(Compute(IndexId.HomaIr, a).IsDefined);
    }

    [Fact]
    public void An_invalid_OGTT_curve_is_described_not_thrown()
    {
        Assert.False(OgttCurve.TryCreate([new(0, 5), new(0, 6)], out _, out var dup));
        Assert.Contains("twice", dup);
        Assert.False(OgttCurve.TryCreate([new(-5, 5)], out _, out var neg));
        Assert.Contains("outside", neg);
        Assert.False(OgttCurve.TryCreate([], out _, out _));
    }

    private static Arbitrary<VisitMeasurements> AnyVisit()
    {
        // Any mixture of present, absent, tiny, huge, zero and negative values, including degenerate OGTT curves.
        var value = Gen.OneOf(Gen.Constant<double?>(null), Gen.Constant<double?>(0), Gen.Constant<double?>(-1),
            Gen.Choose(1, 1_000_000).Select(i => (double?)(i / 1000.0)), Gen.Constant<double?>(1e-300), Gen.Constant<double?>(1e300));
        var curve = Gen.OneOf(Gen.Constant<OgttCurve?>(null),
            Gen.ListOf(Gen.Choose(0, 4).Select(k => k * 30), 6).SelectMany(minutes =>
                Gen.ArrayOf(Gen.Choose(-10, 400).Select(i => i / 10.0), minutes.Count).Select(vals =>
                {
                    var points = minutes.Distinct().Select((m, k) => new OgttPoint(m, vals[k]));
                    return OgttCurve.TryCreate(points, out var c, out _) ? c : null;
                })));
        var gen = from sex in Gen.Elements(Sex.Unknown, Sex.Female, Sex.Male)
                  from vals in Gen.ArrayOf(value, 12)
                  from g in curve
                  from i in curve
                  from dm in Gen.Elements<bool?>(null, true, false)
                  select new VisitMeasurements
                  {
                      Sex = sex, FastingGlucose = vals[0], FastingInsulin = vals[1], HbA1c = vals[2], Triglycerides = vals[3], Hdl = vals[4],
                      Alt = vals[5], Ast = vals[6], Ggt = vals[7], Nefa = vals[8], Waist = vals[9], Bmi = vals[10],
                      GlucoseCurve = g, InsulinCurve = i, Diabetes = dm,
                  };
        return gen.ToArbitrary();
    }

    [Property(MaxTest = 3000)]
    public Property No_index_ever_throws_or_returns_a_non_finite_value() =>
        Prop.ForAll(AnyVisit(), v => IndexCatalogue.ComputeAll(v, ConversionFactors.Default)
            .All(r => r.IsDefined ? double.IsFinite(r.Value!.Value) && r.UndefinedReason is null : !string.IsNullOrWhiteSpace(r.UndefinedReason)));
}
