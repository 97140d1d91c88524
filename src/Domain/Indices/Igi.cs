using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>Insulinogenic index = ΔI(0–30) / ΔG(0–30) in pmol/L per mmol/L; undefined when glucose does not rise in the first 30 minutes.</summary>
public sealed class Igi : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.Igi, "igi", "Insulinogenic index (IGI)", "pmol/L per mmol/L",
        "OGTT insulin pmol/L and glucose mmol/L at 0 and 30 min", "(I30 − I0) / (G30 − G0)",
        "Seltzer HS et al. J Clin Invest 1967", Skewed: true);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f) => Calculate(v);

    /// <summary>The four samples IGI (and the disposition index) need, or why they are not there.</summary>
    internal static string? MissingSamples(VisitMeasurements v) =>
        Missing(("glucose at 0 min", v.GlucoseCurve?.At(0)), ("glucose at 30 min", v.GlucoseCurve?.At(30)),
                ("insulin at 0 min", v.InsulinCurve?.At(0)), ("insulin at 30 min", v.InsulinCurve?.At(30)));

    internal IndexResult Calculate(VisitMeasurements v)
    {
        if (Preconditions(v, endogenousInsulin: true) is { } unmet) return Undefined(unmet);
        if (MissingSamples(v) is { } why) return Undefined(why);
        var dG = v.GlucoseCurve!.At(30)!.Value - v.GlucoseCurve.At(0)!.Value;
        if (dG <= 0) return Undefined("glucose did not rise between 0 and 30 min (ΔG ≤ 0), so the ratio is meaningless");
        return Value((v.InsulinCurve!.At(30)!.Value - v.InsulinCurve.At(0)!.Value) / dG);
    }
}
