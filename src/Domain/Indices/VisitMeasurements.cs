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
    public Sex Sex { get; init; }
    public double? FastingGlucose { get; init; }
    public double? FastingInsulin { get; init; }
    public OgttCurve? GlucoseCurve { get; init; }
    public OgttCurve? InsulinCurve { get; init; }
    public double? HbA1c { get; init; }
    public double? Triglycerides { get; init; }
    public double? Hdl { get; init; }
    public double? Alt { get; init; }
    public double? Ast { get; init; }
    public double? Ggt { get; init; }
    public double? Nefa { get; init; }
    public double? Waist { get; init; }
    public double? Bmi { get; init; }
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
