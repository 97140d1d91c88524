namespace Cohort.Domain.Glycaemia;

/// <summary>The published criteria a visit is judged by. ADA 2025 is Cohort's default; the choice changes prevalence a lot.</summary>
public enum GlycaemicRuleSet
{
    /// <summary>American Diabetes Association, Standards of Care 2025 (Diabetes Care 48 Suppl 1:S27-S49).</summary>
    Ada2025,
    /// <summary>WHO 2006 (IFG from 6.1 mmol/L; HbA1c for diabetes only, per WHO 2011).</summary>
    Who2006,
}

/// <summary>The tests a category rests on. A random glucose (not fasting, or of unknown status) classifies only at ≥ 11.1 mmol/L.</summary>
public enum GlycaemicTest { FastingGlucose, TwoHourGlucose, HbA1c, RandomGlucose }

/// <summary>Where one test result falls.</summary>
public enum TestBand { Normal, Intermediate, Diabetes }

/// <summary>The glycaemic category of a visit.</summary>
public enum GlycaemicCategory { Unknown, Normal, Prediabetes, Diabetes }

public static class GlycaemicNames
{
    public static string Code(this GlycaemicRuleSet r) => r == GlycaemicRuleSet.Ada2025 ? "ada2025" : "who2006";

    public static bool TryParseRuleSet(string? s, out GlycaemicRuleSet ruleSet)
    {
        ruleSet = GlycaemicRuleSet.Ada2025;
        switch (s?.Trim().ToLowerInvariant())
        {
            case "ada2025" or "ada": ruleSet = GlycaemicRuleSet.Ada2025; return true;
            case "who2006" or "who": ruleSet = GlycaemicRuleSet.Who2006; return true;
            default: return false;
        }
    }

    public static string Code(this GlycaemicCategory c) => c switch
    {
        GlycaemicCategory.Normal => "normal",
        GlycaemicCategory.Prediabetes => "prediabetes",
        GlycaemicCategory.Diabetes => "diabetes",
        _ => "unknown",
    };
}
