using Cohort.Domain.Indices;
using Cohort.Domain.Visits;

namespace Cohort.Domain.Glycaemia;

/// <summary>
/// When HbA1c cannot be trusted (ADA Standards of Care, §2: conditions of altered red-cell turnover; plasma glucose criteria only):
/// haemoglobin below the WHO 2024 anaemia cut-off for a non-pregnant adult of that sex (women 12.0 g/dL, men 13.0 g/dL; unknown sex
/// 12.0, the lower, so that only certain anaemia is flagged), or an eGFR below 30 mL/min/1.73 m² when one is reported. Also flags a
/// discordance of two bands between HbA1c and glucose (one normal, the other in the diabetes range), which suggests an assay
/// interference such as a haemoglobin variant: shown, not hidden, and HbA1c still counts.
/// </summary>
public static class HbA1cReliability
{
    public const double WomenAnaemiaBelowGdl = 12.0, MenAnaemiaBelowGdl = 13.0, EgfrBelow = 30;

    public static double AnaemiaThresholdGdl(Sex sex) => sex == Sex.Male ? MenAnaemiaBelowGdl : WomenAnaemiaBelowGdl;

    /// <summary>Why HbA1c is not to be used at this visit (haemoglobin in g/dL, eGFR in mL/min/1.73 m²), as flags; None when it can be.</summary>
    public static VisitFlags Unreliable(Sex sex, double? hemoglobinGdl, double? egfr)
    {
        var flags = VisitFlags.None;
        if (hemoglobinGdl < AnaemiaThresholdGdl(sex)) flags |= VisitFlags.HbA1cUnreliableAnaemia;
        if (egfr < EgfrBelow) flags |= VisitFlags.HbA1cUnreliableKidney;
        return flags;
    }

    /// <summary>HbA1c and the glucose tests two bands apart: one normal, the other in the diabetes range.</summary>
    public static bool Discordant(TestBand? hbA1c, TestBand? fasting, TestBand? twoHour)
    {
        var glucose = fasting > twoHour || twoHour is null ? fasting : twoHour;
        return hbA1c is { } a && glucose is { } g && Math.Abs(a - g) == TestBand.Diabetes - TestBand.Normal;
    }
}
