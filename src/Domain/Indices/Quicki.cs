using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>QUICKI = 1 / (log10 FPI µU/mL + log10 FPG mg/dL).</summary>
public sealed class Quicki : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.Quicki, "quicki", "QUICKI", "dimensionless",
        "FPG mg/dL (from mmol/L with the configured glucose factor); FPI µU/mL", "1 / (log10 FPI + log10 FPG)",
        "Katz A et al. J Clin Endocrinol Metab 2000;85:2402-2410", Skewed: false);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: true, Marker.Glucose, Marker.Insulin) is { } unmet) return Undefined(unmet);
        if (Missing(("fasting glucose", v.Glucose0), ("fasting insulin", v.Insulin0)) is { } why) return Undefined(why);
        var denominator = Math.Log10(f.InsulinToMicroUnits(v.Insulin0!.Value)) + Math.Log10(f.GlucoseToMgDl(v.Glucose0!.Value));
        return denominator <= 0 ? Undefined("FPI × FPG is 1 or less, so the logarithm sum is not positive") : Value(1 / denominator);
    }
}
