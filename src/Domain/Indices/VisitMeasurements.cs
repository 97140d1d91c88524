using Cohort.Domain.Markers;

namespace Cohort.Domain.Indices;

/// <summary>
/// The inputs of one visit in canonical SI units: glucose mmol/L, insulin pmol/L, HbA1c mmol/mol, lipids and NEFA mmol/L,
/// enzymes U/L, waist cm, BMI kg/m². Anything absent is null; an index that needs it says so. Glucose, insulin, triglycerides and
/// NEFA are fasting samples only: when the visit has only a non-fasting (or unknown) sample of one, the value is null and
/// <see cref="FastingProblem"/> says why.
/// </summary>
public sealed record VisitMeasurements
{
    // Held as doubles with NaN for absent (a nullable double takes twice the room): the assembler makes one of these for every visit
    // it derives, and the evaluation a second with the visit's diabetes status, so at 400,000 visits an ingest allocated 185 MB of them.
    private readonly double _fastingGlucose = double.NaN;
    private readonly double _fastingInsulin = double.NaN;
    private readonly double _hbA1c = double.NaN;
    private readonly double _triglycerides = double.NaN;
    private readonly double _hdl = double.NaN;
    private readonly double _alt = double.NaN;
    private readonly double _ast = double.NaN;
    private readonly double _ggt = double.NaN;
    private readonly double _nefa = double.NaN;
    private readonly double _waist = double.NaN;
    private readonly double _bmi = double.NaN;

    private static double? Read(double value) => double.IsNaN(value) ? null : value;

    public Sex Sex { get; init; }
    public double? FastingGlucose { get => Read(_fastingGlucose); init => _fastingGlucose = value ?? double.NaN; }
    public double? FastingInsulin { get => Read(_fastingInsulin); init => _fastingInsulin = value ?? double.NaN; }
    public OgttCurve? GlucoseCurve { get; init; }
    public OgttCurve? InsulinCurve { get; init; }
    public double? HbA1c { get => Read(_hbA1c); init => _hbA1c = value ?? double.NaN; }
    public double? Triglycerides { get => Read(_triglycerides); init => _triglycerides = value ?? double.NaN; }
    public double? Hdl { get => Read(_hdl); init => _hdl = value ?? double.NaN; }
    public double? Alt { get => Read(_alt); init => _alt = value ?? double.NaN; }
    public double? Ast { get => Read(_ast); init => _ast = value ?? double.NaN; }
    public double? Ggt { get => Read(_ggt); init => _ggt = value ?? double.NaN; }
    public double? Nefa { get => Read(_nefa); init => _nefa = value ?? double.NaN; }
    public double? Waist { get => Read(_waist); init => _waist = value ?? double.NaN; }
    public double? Bmi { get => Read(_bmi); init => _bmi = value ?? double.NaN; }
    /// <summary>The participant is treated with insulin at the visit: measured insulin is not endogenous.</summary>
    public bool ExogenousInsulin { get; init; }

    /// <summary>Bit (1 &lt;&lt; marker) set for a fasting-sensitive marker whose only samples at the visit were taken not fasting.</summary>
    public int NotFastingMarkers { get; init; }

    /// <summary>Bit (1 &lt;&lt; marker) set for a fasting-sensitive marker whose only samples at the visit have no fasting status.</summary>
    public int FastingUnknownMarkers { get; init; }

    /// <summary>Why the visit has no fasting value of <paramref name="marker"/> although it was measured, or null.</summary>
    public string? FastingProblem(Marker marker)
    {
        var bit = 1 << (int)marker;
        if ((NotFastingMarkers & bit) != 0) return FastingReasons.NotFasting[(int)marker];
        return (FastingUnknownMarkers & bit) != 0 ? FastingReasons.Unknown[(int)marker] : null;
    }

    /// <summary>Whether the visit is in the diabetes range (used by HSI); null when unknown.</summary>
    public bool? Diabetes { get; init; }

    /// <summary>The fasting glucose, or the OGTT minute-0 sample when no separate fasting value exists.</summary>
    public double? Glucose0 => FastingGlucose ?? GlucoseCurve?.At(0);

    /// <summary>The fasting insulin, or the OGTT minute-0 sample when no separate fasting value exists.</summary>
    public double? Insulin0 => FastingInsulin ?? InsulinCurve?.At(0);

    /// <summary>The two-hour OGTT glucose, if sampled.</summary>
    public double? Glucose120 => GlucoseCurve?.At(120);
}
