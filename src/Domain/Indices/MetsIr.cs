using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>METS-IR = ln(2 × FPG + TG) × BMI / ln(HDL), all in mg/dL.</summary>
public sealed class MetsIr : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.MetsIr, "mets_ir", "METS-IR", "dimensionless",
        "FPG, TG and HDL in mg/dL; BMI kg/m²", "ln(2 FPG + TG) × BMI / ln(HDL)",
        "Bello-Chavolla OY et al. Eur J Endocrinol 2018;178:533-544", Skewed: false);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: false, Marker.Glucose, Marker.Triglycerides) is { } unmet) return Undefined(unmet);
        if (Missing(("fasting glucose", v.Glucose0), ("triglycerides", v.Triglycerides), ("HDL", v.Hdl), ("BMI", v.Bmi)) is { } why)
            return Undefined(why);
        var hdlMgDl = v.Hdl!.Value * ConversionFactors.CholesterolMgDlPerMmolL;
        if (hdlMgDl <= 1) return Undefined("HDL of 1 mg/dL or less makes the denominator ln(HDL) non-positive");
        var tgMgDl = v.Triglycerides!.Value * ConversionFactors.TriglycerideMgDlPerMmolL;
        return Value(Math.Log(2 * f.GlucoseToMgDl(v.Glucose0!.Value) + tgMgDl) * v.Bmi!.Value / Math.Log(hdlMgDl));
    }
}
