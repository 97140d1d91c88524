using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Phases;
using Cohort.Domain.Statistics;
using Cohort.Domain.Units;
using Cohort.Domain.Visits;

namespace Cohort.Domain.Tests;

/// <summary>
/// The rules for data shaped like real cohort and health-record extracts: fasting status, random glucose, OGTT protocols, diagnosed
/// and treated diabetes, unreliable HbA1c, visit windows, BMI from weight and height, signed percentiles. Values worked by hand in
/// the comments; conversion factors are Cohort's defaults (glucose 18, insulin 6 pmol/L per µU/mL).
/// </summary>
public class RealDataRulesTests
{
    private static readonly DateTime Day0 = new(2024, 3, 4, 8, 0, 0, DateTimeKind.Utc);

    private static Measurement M(Marker marker, double value, Unit unit, bool? fasting = null, int? minute = null, int day = 0, int minutes = 0)
    {
        var canonical = UnitConverter.Default.ToCanonical(marker, value, unit).Value;
        return new Measurement(marker, Day0.AddDays(day).AddMinutes(minutes + (minute ?? 0)), minute, canonical, value, unit, fasting);
    }

    private static EvaluatedVisit[] Evaluate(Sex sex, VisitAssemblyOptions? options, params Measurement[] ms) =>
        VisitAssembler.Assemble(ms, sex, options).Select(v => VisitEvaluation.Evaluate(v, EvaluationSettings.Default)).ToArray();

    private static EvaluatedVisit One(Sex sex, params Measurement[] ms) => Assert.Single(Evaluate(sex, null, ms));

    private static IndexResult Index(EvaluatedVisit v, IndexId id) => v.Indices[(int)id];

    [Fact]
    public void Fasting_samples_give_HOMA_IR()
    {
        // FPG 5.0 mmol/L, FPI 60 pmol/L = 10 µU/mL: HOMA1-IR = 5.0 × 10 / 22.5 = 2.2222.
        var v = One(Sex.Female, M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true), M(Marker.Insulin, 60, Unit.PmolPerL, fasting: true));
        Assert.Equal(2.2222, Index(v, IndexId.HomaIr).Value!.Value, 3);
        Assert.Equal(GlycaemicCategory.Normal, v.Glycaemia.Category);
    }

    [Fact]
    public void A_sample_not_taken_fasting_gives_no_fasting_index_and_says_why()
    {
        // A random glucose of 8 mmol/L after a meal, non-fasting insulin and triglycerides: nothing defined on fasting values.
        var v = One(Sex.Male, M(Marker.Glucose, 8.0, Unit.MmolPerL, fasting: false), M(Marker.Insulin, 300, Unit.PmolPerL, fasting: false),
            M(Marker.Triglycerides, 2.5, Unit.MmolPerL, fasting: false), M(Marker.Hdl, 1.2, Unit.MmolPerL),
            M(Marker.Waist, 95, Unit.Centimetre), M(Marker.Bmi, 27, Unit.KgPerM2), M(Marker.Ggt, 30, Unit.UnitsPerL));
        foreach (var id in new[] { IndexId.HomaIr, IndexId.HomaBeta, IndexId.Quicki, IndexId.TyG, IndexId.MetsIr, IndexId.TgHdl, IndexId.Fli, IndexId.Vai, IndexId.Lap })
            Assert.Contains("not taken fasting", Index(v, id).UndefinedReason);
        // 8 mmol/L is below the random criterion (11.1): it classifies nothing, and the visit's glucose metric stays empty.
        Assert.Equal(GlycaemicCategory.Unknown, v.Glycaemia.Category);
        Assert.Null(v.Visit.Value(Marker.Glucose));
        Assert.True(v.Visit.Flags.HasFlag(VisitFlags.GlucoseNotFasting));
    }

    [Fact]
    public void Unknown_fasting_status_is_not_fasting()
    {
        var v = One(Sex.Female, M(Marker.Glucose, 5.0, Unit.MmolPerL), M(Marker.Insulin, 60, Unit.PmolPerL));
        Assert.Contains("fasting status unknown", Index(v, IndexId.HomaIr).UndefinedReason);
        Assert.True(v.Visit.Flags.HasFlag(VisitFlags.FastingStatusUnknown));
    }

    [Fact]
    public void An_OGTT_minute_0_sample_is_fasting()
    {
        var v = One(Sex.Female, M(Marker.Glucose, 5.0, Unit.MmolPerL, minute: 0), M(Marker.Insulin, 60, Unit.PmolPerL, minute: 0),
            M(Marker.Glucose, 7.0, Unit.MmolPerL, minute: 120), M(Marker.Insulin, 300, Unit.PmolPerL, minute: 120));
        Assert.Equal(2.2222, Index(v, IndexId.HomaIr).Value!.Value, 3);
    }

    [Theory]
    // Random glucose ≥ 11.1 mmol/L (200 mg/dL) is its own diabetes criterion; below it, nothing.
    [InlineData(12.0, "mmol/L", GlycaemicCategory.Diabetes)]
    [InlineData(11.1, "mmol/L", GlycaemicCategory.Diabetes)]
    [InlineData(11.0, "mmol/L", GlycaemicCategory.Unknown)]
    [InlineData(200, "mg/dL", GlycaemicCategory.Diabetes)]
    [InlineData(199, "mg/dL", GlycaemicCategory.Unknown)]
    public void Random_glucose_classifies_only_at_the_diabetes_threshold(double value, string unit, GlycaemicCategory expected)
    {
        UnitSpelling.TryParse(unit, out var u);
        var v = One(Sex.Female, M(Marker.Glucose, value, u, fasting: false));
        Assert.Equal(expected, v.Glycaemia.Category);
        if (expected == GlycaemicCategory.Diabetes)
        {
            Assert.True(v.Visit.Flags.HasFlag(VisitFlags.RandomGlucoseDiabetes));
            Assert.Contains("random glucose", v.Glycaemia.Label);
        }
    }

    [Fact]
    public void When_a_visit_has_both_the_fasting_glucose_wins()
    {
        // Fasting 5.0 at 08:00, a random 12.0 at 14:00 the same day: the fasting one classifies (normal), the random one is ignored.
        var v = One(Sex.Female, M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true), M(Marker.Glucose, 12.0, Unit.MmolPerL, fasting: false, minutes: 360));
        Assert.Equal(GlycaemicCategory.Normal, v.Glycaemia.Category);
        // And in the other order (the random sample first), the later fasting sample is still the visit's FPG.
        var w = One(Sex.Female, M(Marker.Glucose, 12.0, Unit.MmolPerL, fasting: false), M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true, day: 2));
        Assert.Equal(GlycaemicCategory.Normal, w.Glycaemia.Category);
        Assert.Equal(5.0, w.Visit.Value(Marker.Glucose));
    }

    private static Measurement[] Ogtt(params (int Minute, double Glucose, double Insulin)[] points) =>
        points.SelectMany(p => new[] { M(Marker.Glucose, p.Glucose, Unit.MmolPerL, minute: p.Minute), M(Marker.Insulin, p.Insulin, Unit.PmolPerL, minute: p.Minute) }).ToArray();

    private static readonly (int, double, double)[] TwoHours = [(0, 5.0, 60), (30, 8.0, 300), (60, 8.5, 360), (90, 7.0, 300), (120, 6.0, 240)];

    [Fact]
    public void Matsuda_ignores_samples_after_120_minutes()
    {
        // Arithmetic means over 0–120: Ḡ = 6.9 mmol/L = 124.2 mg/dL, Ī = 252 pmol/L = 42 µU/mL; G0 = 90 mg/dL, I0 = 10 µU/mL:
        // ISI = 10000 / √(90 × 10 × 124.2 × 42) = 10000 / 2166.74 = 4.6152.
        var twoHour = One(Sex.Female, Ogtt(TwoHours));
        var threeHour = One(Sex.Female, Ogtt([.. TwoHours, (150, 4.5, 120), (180, 4.2, 60)]));
        Assert.Equal(4.6152, Index(twoHour, IndexId.Matsuda).Value!.Value, 3);
        Assert.Equal(Index(twoHour, IndexId.Matsuda).Value, Index(threeHour, IndexId.Matsuda).Value);
        Assert.Equal(Index(twoHour, IndexId.MatsudaAuc).Value, Index(threeHour, IndexId.MatsudaAuc).Value);
        Assert.Equal(Index(twoHour, IndexId.Misi).Value, Index(threeHour, IndexId.Misi).Value);
        Assert.True(threeHour.Visit.Flags.HasFlag(VisitFlags.OgttBeyond120));
    }

    [Fact]
    public void MISI_needs_a_curve()
    {
        // Five samples: the post-load peak is 8.5 at 60 min, the nadir after it 6.0 at 120; the least-squares slope over (60, 8.5),
        // (90, 7.0), (120, 6.0) is −2.5 / 60 = −0.041667 mmol/L/min; Ī = 252 pmol/L; MISI = 0.041667 / 252 × 1000 = 0.16534.
        Assert.Equal(0.16534, Index(One(Sex.Female, Ogtt(TwoHours)), IndexId.Misi).Value!.Value, 4);
        // 0/120 only: a falling 2-h glucose would pick out a value by chance; undefined instead.
        var twoPoint = One(Sex.Female, Ogtt((0, 6.0, 60), (120, 5.0, 200)));
        Assert.Null(Index(twoPoint, IndexId.Misi).Value);
        Assert.Contains("at least 4", Index(twoPoint, IndexId.Misi).UndefinedReason);
        // Still rising at 120: no decline after the peak.
        var rising = One(Sex.Female, Ogtt((0, 5.0, 60), (30, 7.0, 200), (60, 8.0, 250), (120, 9.0, 300)));
        Assert.Contains("does not fall", Index(rising, IndexId.Misi).UndefinedReason);
    }

    [Fact]
    public void Insulin_treatment_makes_insulin_indices_undefined_and_the_visit_diabetes()
    {
        var v = One(Sex.Male, [.. Ogtt(TwoHours), M(Marker.InsulinTreatment, 1, Unit.One)]);
        foreach (var id in new[] { IndexId.HomaIr, IndexId.HomaBeta, IndexId.Quicki, IndexId.Matsuda, IndexId.Hiri, IndexId.Misi, IndexId.Igi })
            Assert.Equal(DerivedIndex.ExogenousInsulinReason, Index(v, id).UndefinedReason);
        Assert.Equal(GlycaemicCategory.Diabetes, v.Glycaemia.Category);
        Assert.Equal("diabetes (diagnosed/treated)", v.Glycaemia.Label);
        Assert.Equal(Phase.Decompensated, v.Phase);
    }

    [Fact]
    public void A_glucose_lowering_drug_makes_the_visit_diabetes_whatever_the_glucose()
    {
        var v = One(Sex.Female, M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true), M(Marker.Insulin, 60, Unit.PmolPerL, fasting: true),
            M(Marker.GlucoseLoweringMedication, 1, Unit.One));
        Assert.Equal(GlycaemicCategory.Diabetes, v.Glycaemia.Category);
        Assert.NotEqual(Phase.Normal, v.Phase);
        Assert.NotEqual(Phase.Compensated, v.Phase);
        // Not on insulin: HOMA-IR is still defined (flagged by the medication flag, not hidden).
        Assert.NotNull(Index(v, IndexId.HomaIr).Value);
        // A recorded "no" changes nothing.
        var no = One(Sex.Female, M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true), M(Marker.GlucoseLoweringMedication, 0, Unit.One));
        Assert.Equal(GlycaemicCategory.Normal, no.Glycaemia.Category);
    }

    [Fact]
    public void A_diagnosis_counts_from_its_date()
    {
        var options = new VisitAssemblyOptions(14, new DiabetesHistory(true, DateOnly.FromDateTime(Day0.AddDays(100))));
        var visits = Evaluate(Sex.Female, options, M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true),
            M(Marker.Glucose, 5.1, Unit.MmolPerL, fasting: true, day: 365));
        Assert.Equal(GlycaemicCategory.Normal, visits[0].Glycaemia.Category);
        Assert.Equal(GlycaemicCategory.Diabetes, visits[1].Glycaemia.Category);
        Assert.True(visits[1].Visit.Flags.HasFlag(VisitFlags.DiagnosedDiabetes));
        // Without a date, a recorded diagnosis covers every visit.
        var undated = Evaluate(Sex.Female, new VisitAssemblyOptions(14, new DiabetesHistory(true)), M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true));
        Assert.Equal(GlycaemicCategory.Diabetes, undated[0].Glycaemia.Category);
    }

    [Theory]
    // WHO 2024: anaemia below 12.0 g/dL in women and 13.0 g/dL in men. HbA1c 6.6 % (diabetes band) with FPG 5.0 (normal).
    [InlineData(Sex.Female, 11.9, true)]
    [InlineData(Sex.Female, 12.5, false)]
    [InlineData(Sex.Male, 12.5, true)]
    [InlineData(Sex.Male, 13.0, false)]
    [InlineData(Sex.Unknown, 12.5, false)]
    public void Anaemia_makes_HbA1c_unreliable(Sex sex, double hemoglobin, bool unreliable)
    {
        var v = One(sex, M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true), M(Marker.HbA1c, 6.6, Unit.Percent), M(Marker.Hemoglobin, hemoglobin, Unit.GramPerDl));
        Assert.Equal(unreliable, v.Visit.Flags.HasFlag(VisitFlags.HbA1cUnreliableAnaemia));
        // Unreliable: the category falls back to glucose (normal). Reliable: HbA1c counts (diabetes range). Either way the discordance
        // of HbA1c (diabetes band) and FPG (normal) is flagged, not hidden.
        Assert.Equal(unreliable ? GlycaemicCategory.Normal : GlycaemicCategory.Diabetes, v.Glycaemia.Category);
        Assert.True(v.Visit.Flags.HasFlag(VisitFlags.HbA1cGlucoseDiscordant));
    }

    [Fact]
    public void Low_eGFR_makes_HbA1c_unreliable()
    {
        var v = One(Sex.Male, M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true), M(Marker.HbA1c, 6.0, Unit.Percent), M(Marker.Egfr, 25, Unit.MlPerMinPer173M2));
        Assert.True(v.Visit.Flags.HasFlag(VisitFlags.HbA1cUnreliableKidney));
        Assert.Equal(GlycaemicCategory.Normal, v.Glycaemia.Category);
        var ok = One(Sex.Male, M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true), M(Marker.HbA1c, 6.0, Unit.Percent), M(Marker.Egfr, 30, Unit.MlPerMinPer173M2));
        Assert.Equal(GlycaemicCategory.Prediabetes, ok.Glycaemia.Category);
    }

    [Fact]
    public void A_visit_is_a_window_of_days()
    {
        // Labs on day 0, body measurements on day 9: one visit (window 14), BMI 30 / waist 100 with it, flagged as spanning days.
        var visits = Evaluate(Sex.Female, null, M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true), M(Marker.Bmi, 30, Unit.KgPerM2, day: 9),
            M(Marker.Waist, 100, Unit.Centimetre, day: 14), M(Marker.Glucose, 5.5, Unit.MmolPerL, fasting: true, day: 15));
        Assert.Equal(2, visits.Length);
        Assert.Equal(30, visits[0].Visit.Value(Marker.Bmi));
        Assert.Equal(100, visits[0].Visit.Value(Marker.Waist));
        Assert.True(visits[0].Visit.Flags.HasFlag(VisitFlags.SpansDays));
        Assert.Equal(DateOnly.FromDateTime(Day0.AddDays(14)), visits[0].Visit.LastDate);
        // Window 0: one visit per calendar day.
        Assert.Equal(4, Evaluate(Sex.Female, new VisitAssemblyOptions(0), M(Marker.Glucose, 5.0, Unit.MmolPerL, fasting: true), M(Marker.Bmi, 30, Unit.KgPerM2, day: 9),
            M(Marker.Waist, 100, Unit.Centimetre, day: 14), M(Marker.Glucose, 5.5, Unit.MmolPerL, fasting: true, day: 15)).Length);
    }

    [Fact]
    public void BMI_is_derived_from_weight_and_height_and_checked_against_them()
    {
        // 80 kg, 175 cm: 80 / 1.75² = 26.1224 kg/m².
        var derived = One(Sex.Male, M(Marker.Weight, 80, Unit.Kilogram), M(Marker.Height, 175, Unit.Centimetre));
        Assert.Equal(26.1224, derived.Visit.Value(Marker.Bmi)!.Value, 3);
        Assert.Equal(26.1224, derived.Visit.Measurements.Bmi!.Value, 3);
        Assert.True(derived.Visit.Flags.HasFlag(VisitFlags.BmiDerived));
        // Reported 26.0 is within 1 kg/m² of 26.12: kept, no flag; reported 28.0 differs by 1.88: kept, flagged.
        Assert.False(One(Sex.Male, M(Marker.Weight, 80, Unit.Kilogram), M(Marker.Height, 175, Unit.Centimetre), M(Marker.Bmi, 26.0, Unit.KgPerM2)).Visit.Flags.HasFlag(VisitFlags.BmiMismatch));
        var mismatch = One(Sex.Male, M(Marker.Weight, 80, Unit.Kilogram), M(Marker.Height, 175, Unit.Centimetre), M(Marker.Bmi, 28.0, Unit.KgPerM2));
        Assert.True(mismatch.Visit.Flags.HasFlag(VisitFlags.BmiMismatch));
        Assert.Equal(28.0, mismatch.Visit.Value(Marker.Bmi));
    }

    [Fact]
    public void An_indicator_is_one_or_zero()
    {
        var half = Plausibility.Check(UnitConverter.Default.ToCanonical(Marker.InsulinTreatment, 0.5, Unit.One));
        Assert.Equal(PlausibilityVerdict.Reject, half.Verdict);
        Assert.Equal(PlausibilityVerdict.Accept, Plausibility.Check(UnitConverter.Default.ToCanonical(Marker.InsulinTreatment, 1, Unit.One)).Verdict);
    }

    [Fact]
    public void Merged_percentiles_of_a_signed_metric_are_within_one_percent_of_exact()
    {
        // IGI-like values: negative, zero and positive, split over four "shards" and merged.
        var rng = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(i => i % 50 == 0 ? 0.0 : Math.Round(rng.NextDouble() < 0.2 ? -Math.Exp(rng.NextDouble() * 4) : Math.Exp(rng.NextDouble() * 5), 3)).ToArray();
        var shards = Enumerable.Range(0, 4).Select(_ => new QuantileSketch()).ToArray();
        for (var i = 0; i < values.Length; i++) shards[i % 4].Add(values[i]);
        var merged = new QuantileSketch();
        foreach (var s in shards) merged.Merge(s.Offset, s.Counts, s.Zeros, s.NegativeOffset, s.NegativeCounts);
        Array.Sort(values);
        foreach (var q in new[] { 0.05, 0.1, 0.19, 0.25, 0.5, 0.75, 0.9, 0.95 })
        {
            var exact = Percentile.OfSorted(values, q);
            var got = merged.Quantile(q);
            Assert.True(Math.Abs(got - exact) <= 0.01 * Math.Abs(exact) + 1e-9, $"q {q}: sketch {got}, exact {exact}");
        }
        Assert.True(merged.Quantile(0.05) < 0);
    }
}
