using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Tests;

/// <summary>The worked-example participants of docs/science.md#worked-examples, built through the unit converter from the units they were reported in.</summary>
internal static class Participants
{
    private static readonly int[] Minutes = [0, 30, 60, 90, 120];

    /// <summary>Participant A: conventional units, a man, OGTT 0–120.</summary>
    public static VisitMeasurements A(UnitConverter c, bool? diabetes = false) => new()
    {
        Sex = Sex.Male,
        GlucoseCurve = Curve(c, Marker.Glucose, "mg/dL", 100, 160, 170, 150, 140),
        InsulinCurve = Curve(c, Marker.Insulin, "µU/mL", 10, 60, 80, 70, 60),
        Triglycerides = c.ToCanonical(Marker.Triglycerides, 150, Unit.MgPerDl).Value,
        Hdl = c.ToCanonical(Marker.Hdl, 40, Unit.MgPerDl).Value,
        Bmi = 30, Waist = 102, Ggt = 40, Alt = 30, Ast = 25, Nefa = 0.6,
        HbA1c = c.ToCanonical(Marker.HbA1c, 5.7, Unit.Percent).Value,
        Diabetes = diabetes,
    };

    /// <summary>Participant B: SI units, a woman, fasting values only.</summary>
    public static VisitMeasurements B(bool? diabetes = false) => new()
    {
        Sex = Sex.Female,
        FastingGlucose = 6.2, FastingInsulin = 90, Triglycerides = 2.1, Hdl = 0.9, Bmi = 33, Waist = 110,
        Ggt = 60, Alt = 50, Ast = 30, Nefa = 0.7, Diabetes = diabetes,
    };

    /// <summary>An archetype of docs/science.md#synthetic-cohort-targets (conventional units).</summary>
    public static VisitMeasurements Archetype(double[] glucoseMgDl, double[] insulinMicroUnits, double nefa, double tgMgDl, double hdlMgDl) => new()
    {
        GlucoseCurve = Curve(UnitConverter.Default, Marker.Glucose, "mg/dL", glucoseMgDl),
        InsulinCurve = Curve(UnitConverter.Default, Marker.Insulin, "µU/mL", insulinMicroUnits),
        Nefa = nefa,
        Triglycerides = tgMgDl / 88.57,
        Hdl = hdlMgDl / 38.67,
    };

    public static OgttCurve Curve(UnitConverter c, Marker marker, string unit, params double[] values) =>
        OgttCurve.Of(values.Select((v, k) => (Minutes[k], c.ToCanonical(marker, v, unit).Value!.Value.Value)).ToArray());
}
