namespace Cohort.Domain.Glycaemia;

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
