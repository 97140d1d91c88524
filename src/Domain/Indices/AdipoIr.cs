using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>Adipose-tissue insulin resistance = fasting NEFA (mmol/L) × fasting insulin (pmol/L). Youth papers use µU/mL: divide by the insulin factor.</summary>
public sealed class AdipoIr : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.AdipoIr, "adipo_ir", "Adipo-IR", "mmol/L × pmol/L",
        "fasting NEFA mmol/L; fasting insulin pmol/L", "NEFA × insulin, pmol/L convention",
        "Gastaldelli A et al. Gastroenterology 2007;133:496-506; Søndergaard E et al. JCEM 2017", Skewed: true);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: true, Marker.Nefa, Marker.Insulin) is { } unmet) return Undefined(unmet);
        if (Missing(("fasting NEFA", v.Nefa), ("fasting insulin", v.Insulin0)) is { } why) return Undefined(why);
        return Value(v.Nefa!.Value * v.Insulin0!.Value);
    }
}
