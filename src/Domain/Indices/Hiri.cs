using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>
/// Hepatic insulin-resistance index = glucose AUC(0–30) × insulin AUC(0–30), trapezoid, in SI units with time in hours,
/// which puts values on the scale of the PERSON/Maastricht reports (medians of a few hundred).
/// </summary>
public sealed class Hiri : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.Hiri, "hiri", "Hepatic IR index (HIRI)", "(mmol/L·h) × (pmol/L·h)",
        "OGTT glucose mmol/L and insulin pmol/L at 0 and 30 min", "glucose AUC0–30 × insulin AUC0–30, trapezoid, SI, hours",
        "Abdul-Ghani MA et al. Diabetes Care 2007;30:89-94", Skewed: true);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: true) is { } unmet) return Undefined(unmet);
        if (Missing(("glucose at 0 min", v.GlucoseCurve?.At(0)), ("glucose at 30 min", v.GlucoseCurve?.At(30)),
                ("insulin at 0 min", v.InsulinCurve?.At(0)), ("insulin at 30 min", v.InsulinCurve?.At(30))) is { } why)
            return Undefined(why);
        var glucoseAuc = (v.GlucoseCurve!.At(0)!.Value + v.GlucoseCurve.At(30)!.Value) / 2 * 0.5;
        var insulinAuc = (v.InsulinCurve!.At(0)!.Value + v.InsulinCurve.At(30)!.Value) / 2 * 0.5;
        return Value(glucoseAuc * insulinAuc);
    }
}
