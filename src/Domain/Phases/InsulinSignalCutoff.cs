using Cohort.Domain.Units;

namespace Cohort.Domain.Phases;

/// <summary>
/// The threshold above which a normoglycaemic visit counts as compensated: a HOMA1-IR value, or a fasting insulin in pmol/L.
/// A value at or above the threshold is "above" (cut-offs such as 2.5 are published as "≥ 2.5 is insulin resistant").
/// </summary>
public sealed record InsulinSignalCutoff(InsulinSignal Signal, double Threshold, string Source)
{
    /// <summary>Cohort's default phase cut-off, HOMA1-IR 2.5: a choice a study may change (Cohort:PhaseCutoffHomaIr), not a universal threshold.</summary>
    public const double DefaultHomaIr = 2.5;

    public static InsulinSignalCutoff HomaIr(double threshold, string source) => new(InsulinSignal.HomaIr, threshold, source);

    public static InsulinSignalCutoff FastingInsulinPmolL(double pmolL, string source) => new(InsulinSignal.FastingInsulin, pmolL, source);

    public static InsulinSignalCutoff FastingInsulinMicroUnits(double microUnitsPerMl, ConversionFactors factors, string source) =>
        new(InsulinSignal.FastingInsulin, microUnitsPerMl * factors.Insulin, source);

    public bool IsAbove(double value) => value >= Threshold;
}
