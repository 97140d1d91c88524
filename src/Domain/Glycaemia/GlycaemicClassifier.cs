using Cohort.Domain.Units;

namespace Cohort.Domain.Glycaemia;

/// <summary>
/// Classifies a visit from fasting glucose, two-hour OGTT glucose and HbA1c under a chosen rule set. A random glucose counts only
/// when the visit has no fasting glucose, and only at or above the diabetes threshold (a lower random value classifies nothing).
/// Diagnosed or treated diabetes is diabetes whatever one glucose says. Pass a null HbA1c when it cannot be trusted.
/// </summary>
public static class GlycaemicClassifier
{
    public static GlycaemicAssessment Classify(GlycaemicRuleSet ruleSet, ReportedValue? fastingGlucose, ReportedValue? twoHourGlucose,
        ReportedValue? hbA1c, ReportedValue? randomGlucose = null, bool knownDiabetes = false)
    {
        var fasting = Band(ruleSet, GlycaemicTest.FastingGlucose, fastingGlucose);
        var twoHour = Band(ruleSet, GlycaemicTest.TwoHourGlucose, twoHourGlucose);
        var a1c = Band(ruleSet, GlycaemicTest.HbA1c, hbA1c);
        var random = fastingGlucose is null && Band(ruleSet, GlycaemicTest.RandomGlucose, randomGlucose) == TestBand.Diabetes
            ? TestBand.Diabetes : (TestBand?)null;
        bool Any(TestBand band) => fasting == band || twoHour == band || a1c == band || random == band;
        var category = knownDiabetes || Any(TestBand.Diabetes) ? GlycaemicCategory.Diabetes
            : Any(TestBand.Intermediate) ? GlycaemicCategory.Prediabetes
            : Any(TestBand.Normal) ? GlycaemicCategory.Normal
            : GlycaemicCategory.Unknown;
        return new GlycaemicAssessment(ruleSet, category, fasting, twoHour, a1c, random, knownDiabetes);
    }

    public static TestBand? Band(GlycaemicRuleSet ruleSet, GlycaemicTest test, ReportedValue? value)
    {
        if (value is not { } v || !double.IsFinite(v.Value)) return null;
        if (!GlycaemicThresholds.TryFor(ruleSet, test, v.Unit, out var threshold))
            throw new ArgumentException($"{test} reported in {v.Unit.Symbol()} has no published threshold; report glucose in mg/dL or mmol/L and HbA1c in % or mmol/mol");
        return GlycaemicThresholds.Band(threshold, v.Value);
    }
}
