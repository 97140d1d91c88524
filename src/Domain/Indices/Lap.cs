using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>
/// Lipid accumulation product = (waist − 65) × TG for men, (waist − 58) × TG for women, TG in mmol/L. Below those waists the product
/// is negative; Cohort reports it undefined rather than clipping it to zero.
/// </summary>
public sealed class Lap : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.Lap, "lap", "Lipid accumulation product (LAP)", "cm × mmol/L",
        "waist cm; TG mmol/L; sex", "(WC − 65) × TG for men; (WC − 58) × TG for women",
        "Kahn HS. BMC Cardiovasc Disord 2005;5:26", Skewed: true);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: false, Marker.Triglycerides) is { } unmet) return Undefined(unmet);
        if (Missing(("waist", v.Waist), ("triglycerides", v.Triglycerides)) is { } why) return Undefined(why);
        if (SexRequired(v.Sex) is { } sex) return Undefined(sex);
        var minimum = v.Sex == Sex.Male ? 65.0 : 58.0;
        if (v.Waist!.Value < minimum)
            return Undefined($"waist {v.Waist:0.#} cm is below the formula's population minimum of {minimum} cm, which would give a negative product");
        return Value((v.Waist.Value - minimum) * v.Triglycerides!.Value);
    }
}
