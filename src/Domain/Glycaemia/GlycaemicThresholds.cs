using Cohort.Domain.Units;

namespace Cohort.Domain.Glycaemia;

/// <summary>
/// The thresholds keyed by (rule set, test, unit). Guideline thresholds are not exact conversions of each other (100 mg/dL is
/// 5.556 mmol/L, but ADA writes 5.6), so a value is judged by the threshold published for the unit it was reported in.
/// </summary>
public static class GlycaemicThresholds
{
    private static readonly GlycaemicThreshold[] Table =
    [
        new(GlycaemicRuleSet.Ada2025, GlycaemicTest.FastingGlucose, Unit.MmolPerL, 5.6, 7.0),
        new(GlycaemicRuleSet.Ada2025, GlycaemicTest.FastingGlucose, Unit.MgPerDl, 100, 126),
        new(GlycaemicRuleSet.Ada2025, GlycaemicTest.TwoHourGlucose, Unit.MmolPerL, 7.8, 11.1),
        new(GlycaemicRuleSet.Ada2025, GlycaemicTest.TwoHourGlucose, Unit.MgPerDl, 140, 200),
        new(GlycaemicRuleSet.Ada2025, GlycaemicTest.HbA1c, Unit.Percent, 5.7, 6.5),
        new(GlycaemicRuleSet.Ada2025, GlycaemicTest.HbA1c, Unit.MmolPerMol, 39, 48),
        new(GlycaemicRuleSet.Who2006, GlycaemicTest.FastingGlucose, Unit.MmolPerL, 6.1, 7.0),
        new(GlycaemicRuleSet.Who2006, GlycaemicTest.FastingGlucose, Unit.MgPerDl, 110, 126),
        new(GlycaemicRuleSet.Who2006, GlycaemicTest.TwoHourGlucose, Unit.MmolPerL, 7.8, 11.1),
        new(GlycaemicRuleSet.Who2006, GlycaemicTest.TwoHourGlucose, Unit.MgPerDl, 140, 200),
        new(GlycaemicRuleSet.Who2006, GlycaemicTest.HbA1c, Unit.Percent, null, 6.5),
        new(GlycaemicRuleSet.Who2006, GlycaemicTest.HbA1c, Unit.MmolPerMol, null, 48),
        // A random plasma glucose ≥ 11.1 mmol/L (200 mg/dL) is a diabetes criterion of both (ADA with classic symptoms; cohorts seldom
        // record symptoms, so Cohort labels it as resting on a random glucose). Below it a random glucose classifies nothing.
        new(GlycaemicRuleSet.Ada2025, GlycaemicTest.RandomGlucose, Unit.MmolPerL, null, 11.1),
        new(GlycaemicRuleSet.Ada2025, GlycaemicTest.RandomGlucose, Unit.MgPerDl, null, 200),
        new(GlycaemicRuleSet.Who2006, GlycaemicTest.RandomGlucose, Unit.MmolPerL, null, 11.1),
        new(GlycaemicRuleSet.Who2006, GlycaemicTest.RandomGlucose, Unit.MgPerDl, null, 200),
    ];

    // After the table: static fields are initialised in the order they are written.
    public static IReadOnlyList<GlycaemicThreshold> All { get; } = Array.AsReadOnly(Table);

    public static bool TryFor(GlycaemicRuleSet ruleSet, GlycaemicTest test, Unit unit, out GlycaemicThreshold threshold)
    {
        // Every visit's every test looks here: a loop over sixteen entries, nothing allocated.
        foreach (var t in Table)
            if (t.RuleSet == ruleSet && t.Test == test && t.Unit == unit)
            {
                threshold = t;
                return true;
            }
        threshold = null!;
        return false;
    }

    public static TestBand Band(GlycaemicThreshold t, double value) =>
        value >= t.DiabetesFrom ? TestBand.Diabetes
        : t.IntermediateFrom is { } from && value >= from ? TestBand.Intermediate
        : TestBand.Normal;
}
