using Cohort.Domain.Glycaemia;

namespace Cohort.Domain.Phases;

/// <summary>Assigns a visit's phase from its glycaemic category and its insulin signal under a chosen cut-off.</summary>
public static class PhaseClassifier
{
    public static Phase Classify(GlycaemicCategory category, double? homaIr, double? fastingInsulinPmolL, InsulinSignalCutoff cutoff) =>
        category switch
        {
            GlycaemicCategory.Diabetes => Phase.Decompensated,
            GlycaemicCategory.Prediabetes => Phase.Intermediate,
            GlycaemicCategory.Normal => (cutoff.Signal == InsulinSignal.HomaIr ? homaIr : fastingInsulinPmolL) switch
            {
                null => Phase.Unknown,
                { } signal when cutoff.IsAbove(signal) => Phase.Compensated,
                _ => Phase.Normal,
            },
            _ => Phase.Unknown,
        };
}
