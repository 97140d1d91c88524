using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>HOMA1-IR = FPG (mmol/L) × FPI (µU/mL) / 22.5 — the original homeostasis-model approximation, not the HOMA2 computer model.</summary>
public sealed class HomaIr : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.HomaIr, "homa_ir", "HOMA1-IR", "dimensionless",
        "FPG mmol/L; FPI µU/mL (from pmol/L with the configured insulin factor)", "HOMA1: FPG × FPI / 22.5",
        "Matthews DR et al. Diabetologia 1985;28:412-419", Skewed: true);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: true, Marker.Glucose, Marker.Insulin) is { } unmet) return Undefined(unmet);
        if (Missing(("fasting glucose", v.Glucose0), ("fasting insulin", v.Insulin0)) is { } why) return Undefined(why);
        return Value(v.Glucose0!.Value * f.InsulinToMicroUnits(v.Insulin0!.Value) / 22.5);
    }
}
