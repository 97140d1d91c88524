using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>Fatty liver index: logistic score of ln TG (mg/dL), BMI, ln GGT and waist; below 30 rules out and 60 or more rules in steatosis.</summary>
public sealed class Fli : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.Fli, "fli", "Fatty liver index (FLI)", "score 0–100",
        "TG mg/dL; BMI kg/m²; GGT U/L; waist cm",
        "100 / (1 + e^−y), y = 0.953 ln TG + 0.139 BMI + 0.718 ln GGT + 0.053 waist − 15.745",
        "Bedogni G et al. BMC Gastroenterol 2006;6:33", Skewed: false);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: false, Marker.Triglycerides) is { } unmet) return Undefined(unmet);
        if (Missing(("triglycerides", v.Triglycerides), ("BMI", v.Bmi), ("GGT", v.Ggt), ("waist", v.Waist)) is { } why) return Undefined(why);
        var y = 0.953 * Math.Log(v.Triglycerides!.Value * ConversionFactors.TriglycerideMgDlPerMmolL) + 0.139 * v.Bmi!.Value
              + 0.718 * Math.Log(v.Ggt!.Value) + 0.053 * v.Waist!.Value - 15.745;
        return Value(100 / (1 + Math.Exp(-y)));
    }
}
