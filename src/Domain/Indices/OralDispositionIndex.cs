using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>Oral disposition index = insulinogenic index × 1 / fasting insulin (Utzschneider 2009), SI units.</summary>
public sealed class OralDispositionIndex : DerivedIndex
{
    private readonly Igi _igi = new();

    public override IndexDefinition Definition { get; } = new(IndexId.OralDispositionIndex, "di_oral", "Oral disposition index (DIo)",
        "L/mmol", "IGI pmol/L per mmol/L; OGTT insulin at 0 min pmol/L", "IGI × 1 / I0",
        "Utzschneider KM et al. Diabetes Care 2009;32:335-341", Skewed: true);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: true) is { } unmet) return Undefined(unmet);
        if (Igi.MissingSamples(v) is { } why) return Undefined(why);
        var igi = _igi.Calculate(v);
        if (!igi.IsDefined) return Undefined($"insulinogenic index undefined: {igi.UndefinedReason}");
        return Value(igi.Value!.Value / v.InsulinCurve!.At(0)!.Value);
    }
}
