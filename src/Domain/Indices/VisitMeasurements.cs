namespace Cohort.Domain.Indices;

/// <summary>
/// The inputs of one visit in canonical SI units: glucose mmol/L, insulin pmol/L, HbA1c mmol/mol, lipids and NEFA mmol/L,
/// enzymes U/L, waist cm, BMI kg/m². Anything absent is null; an index that needs it says so.
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
    /// <summary>Whether the visit is in the diabetes range (used by HSI); null when unknown.</summary>
    public bool? Diabetes { get; init; }

    /// <summary>The fasting glucose, or the OGTT minute-0 sample when no separate fasting value exists.</summary>
    public double? Glucose0 => FastingGlucose ?? GlucoseCurve?.At(0);

    /// <summary>The fasting insulin, or the OGTT minute-0 sample when no separate fasting value exists.</summary>
    public double? Insulin0 => FastingInsulin ?? InsulinCurve?.At(0);

    /// <summary>The two-hour OGTT glucose, if sampled.</summary>
    public double? Glucose120 => GlucoseCurve?.At(120);
}
