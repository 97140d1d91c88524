using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>Visceral adiposity index, sex-specific, TG and HDL in mmol/L (Amato 2010).</summary>
public sealed class Vai : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.Vai, "vai", "Visceral adiposity index (VAI)", "dimensionless",
        "waist cm; BMI kg/m²; TG mmol/L; HDL mmol/L; sex",
        "men: WC/(39.68 + 1.88 BMI) × TG/1.03 × 1.31/HDL; women: WC/(36.58 + 1.89 BMI) × TG/0.81 × 1.52/HDL",
        "Amato MC et al. Diabetes Care 2010;33:920-922", Skewed: true);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: false, Marker.Triglycerides) is { } unmet) return Undefined(unmet);
        if (Missing(("waist", v.Waist), ("BMI", v.Bmi), ("triglycerides", v.Triglycerides), ("HDL", v.Hdl)) is { } why) return Undefined(why);
        if (SexRequired(v.Sex) is { } sex) return Undefined(sex);
        double wc = v.Waist!.Value, bmi = v.Bmi!.Value, tg = v.Triglycerides!.Value, hdl = v.Hdl!.Value;
        return Value(v.Sex == Sex.Male
            ? wc / (39.68 + 1.88 * bmi) * (tg / 1.03) * (1.31 / hdl)
            : wc / (36.58 + 1.89 * bmi) * (tg / 0.81) * (1.52 / hdl));
    }
}
