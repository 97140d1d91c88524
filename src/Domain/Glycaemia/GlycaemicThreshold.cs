using Cohort.Domain.Units;

namespace Cohort.Domain.Glycaemia;

/// <summary>
/// One published threshold pair for a test in one unit. A value at or above <see cref="IntermediateFrom"/> is intermediate
/// (IFG, IGT, HbA1c prediabetes) and at or above <see cref="DiabetesFrom"/> is in the diabetes range. Null means the rule set does
/// not use the test for that state.
/// </summary>
public sealed record GlycaemicThreshold(GlycaemicRuleSet RuleSet, GlycaemicTest Test, Unit Unit, double? IntermediateFrom, double DiabetesFrom);
