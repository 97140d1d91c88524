using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>HOMA1-%B = 20 × FPI (µU/mL) / (FPG mmol/L − 3.5); undefined at or below 3.5 mmol/L, where the formula breaks down.</summary>
public sealed class HomaBeta : DerivedIndex
{
    public const double GlucoseFloor = 3.5;

    public override IndexDefinition Definition { get; } = new(IndexId.HomaBeta, "homa_b", "HOMA1-%B", "%",
        "FPG mmol/L; FPI µU/mL", "HOMA1: 20 × FPI / (FPG − 3.5)", "Matthews DR et al. Diabetologia 1985;28:412-419", Skewed: true);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: true, Marker.Glucose, Marker.Insulin) is { } unmet) return Undefined(unmet);
        if (Missing(("fasting glucose", v.Glucose0), ("fasting insulin", v.Insulin0)) is { } why) return Undefined(why);
        var g = v.Glucose0!.Value;
        if (g <= GlucoseFloor) return Undefined($"fasting glucose {g:0.###} mmol/L is at or below 3.5 mmol/L (63 mg/dL), where HOMA-%B is undefined");
        return Value(20 * f.InsulinToMicroUnits(v.Insulin0!.Value) / (g - GlucoseFloor));
    }
}
