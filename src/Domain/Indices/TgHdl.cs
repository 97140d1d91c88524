using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>
/// TG/HDL ratio in SI units (mmol/L ÷ mmol/L). The ratio in mg/dL is 88.57/38.67 = 2.2904 times larger, so a cut-off must always say
/// which unit its ratio is in: McLaughlin's 1.8 (SI) and 3.0 (mg/dL) are not the same threshold.
/// </summary>
public sealed class TgHdl : DerivedIndex
{
    public const double MgDlRatioPerSiRatio = ConversionFactors.TriglycerideMgDlPerMmolL / ConversionFactors.CholesterolMgDlPerMmolL;

    public override IndexDefinition Definition { get; } = new(IndexId.TgHdl, "tg_hdl", "TG/HDL ratio (SI)", "mmol/L ÷ mmol/L",
        "TG mmol/L; HDL mmol/L", "ratio of SI concentrations; × 2.2904 gives the mg/dL ratio",
        "McLaughlin T et al. Ann Intern Med 2003;139:802-809", Skewed: true);

    public static double ToMgDlRatio(double siRatio) => siRatio * MgDlRatioPerSiRatio;
    public static double FromMgDlRatio(double mgDlRatio) => mgDlRatio / MgDlRatioPerSiRatio;

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: false, Marker.Triglycerides) is { } unmet) return Undefined(unmet);
        if (Missing(("triglycerides", v.Triglycerides), ("HDL", v.Hdl)) is { } why) return Undefined(why);
        return Value(v.Triglycerides!.Value / v.Hdl!.Value);
    }
}
