using Cohort.Domain.Glycaemia;
using Cohort.Domain.Phases;
using Cohort.Domain.Units;

namespace Cohort.Domain.Visits;

/// <summary>The rule set, phase cut-off and conversion factors a cohort is evaluated with.</summary>
public sealed record EvaluationSettings(ConversionFactors Factors, GlycaemicRuleSet RuleSet, InsulinSignalCutoff PhaseCutoff)
{
    public static EvaluationSettings Default { get; } =
        new(ConversionFactors.Default, GlycaemicRuleSet.Ada2025, InsulinSignalCutoff.HomaIr(InsulinSignalCutoff.DefaultHomaIr, $"HOMA1-IR ≥ {InsulinSignalCutoff.DefaultHomaIr} (Cohort default; not universal)"));
}
