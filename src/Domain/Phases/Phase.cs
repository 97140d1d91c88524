namespace Cohort.Domain.Phases;

/// <summary>
/// The compensation phase of a visit: normal (normoglycaemic, insulin signal within the chosen reference), compensated
/// (normoglycaemic but the insulin signal above the cut-off: the pancreas is working harder to hold glucose), intermediate
/// (prediabetes range) and decompensated (diabetes range). Unknown when the inputs needed are missing.
/// </summary>
public enum Phase { Unknown, Normal, Compensated, Intermediate, Decompensated }

public static class PhaseNames
{
    public static string Code(this Phase p) => p switch
    {
        Phase.Normal => "normal",
        Phase.Compensated => "compensated",
        Phase.Intermediate => "intermediate",
        Phase.Decompensated => "decompensated",
        _ => "unknown",
    };
}
