using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>Triglyceride–glucose index = ln(TG mg/dL × FPG mg/dL / 2). Adult values lie around 8–10; the early 4.65 cut-offs are on another scale.</summary>
public sealed class TyG : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.TyG, "tyg", "TyG index", "ln(mg/dL × mg/dL / 2)",
        "TG mg/dL (mmol/L × 88.57); FPG mg/dL (configured glucose factor)", "ln(TG × FPG / 2)",
        "Simental-Mendía LE et al. Metab Syndr Relat Disord 2008;6:299-304", Skewed: false);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: false, Marker.Triglycerides, Marker.Glucose) is { } unmet) return Undefined(unmet);
        if (Missing(("triglycerides", v.Triglycerides), ("fasting glucose", v.Glucose0)) is { } why) return Undefined(why);
        return Value(Math.Log(v.Triglycerides!.Value * ConversionFactors.TriglycerideMgDlPerMmolL * f.GlucoseToMgDl(v.Glucose0!.Value) / 2));
    }
}
