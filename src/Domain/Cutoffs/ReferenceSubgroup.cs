using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;

namespace Cohort.Domain.Cutoffs;

/// <summary>
/// The metabolically healthy reference subgroup of docs/science.md#local-cut-offs in which a population's own HOMA-IR cut-off is the upper
/// percentile: adults without diabetes or intermediate hyperglycaemia, of normal weight, with normal triglycerides and HDL.
/// A criterion that cannot be checked because its input is missing excludes the participant (except the optional 2-h glucose
/// and HbA1c, which are checked when present), so the subgroup is never padded with people we know less about.
/// </summary>
public static class ReferenceSubgroup
{
    public static IReadOnlyList<string> Criteria(GlycaemicRuleSet ruleSet) =>
    [
        "adult (age 18 or over)",
        $"fasting glucose below {(ruleSet == GlycaemicRuleSet.Ada2025 ? "5.6" : "6.1")} mmol/L ({ruleSet.Code()})",
        "2-h OGTT glucose below 7.8 mmol/L, when measured",
        "HbA1c below 39 mmol/mol, when measured",
        "BMI 18.5–24.9 kg/m²",
        "triglycerides below 1.7 mmol/L",
        "HDL at least 1.0 mmol/L (men) or 1.3 mmol/L (women)",
        "HOMA-IR defined",
    ];

    public static bool Includes(ReferenceCandidate c, GlycaemicRuleSet ruleSet)
    {
        var fastingLimit = ruleSet == GlycaemicRuleSet.Ada2025 ? 5.6 : 6.1;
        var hdlLimit = c.Sex switch { Sex.Male => 1.0, Sex.Female => 1.3, _ => 1.3 };
        return c.Age >= 18
            && c.FastingGlucose < fastingLimit
            && (c.TwoHourGlucose is null || c.TwoHourGlucose < 7.8)
            && (c.HbA1c is null || c.HbA1c < 39)
            && c.Bmi is >= 18.5 and < 25
            && c.Triglycerides < 1.7
            && c.Hdl >= hdlLimit
            && c.HomaIr is > 0;
    }
}
