namespace Cohort.Domain.Phases;

/// <summary>
/// The compensation phase of a visit: normal (normoglycaemic, insulin signal within the chosen reference), compensated
/// (normoglycaemic but the insulin signal above the cut-off: the pancreas is working harder to hold glucose), intermediate
/// (prediabetes range) and diabetes range (a value in the diabetes range at this visit, or diagnosed or treated diabetes).
/// Unknown when the inputs needed are missing. The last phase is the model's "decompensated"; its code says what one visit can
/// show, a diabetes-range value, not that β-cell compensation has failed (that needs confirmation over visits).
/// </summary>
public enum Phase { Unknown, Normal, Compensated, Intermediate, Decompensated }

public static class PhaseNames
{
    public static string Code(this Phase p) => p switch
    {
        Phase.Normal => "normal",
        Phase.Compensated => "compensated",
        Phase.Intermediate => "intermediate",
        Phase.Decompensated => "diabetes-range",
        _ => "unknown",
    };

    /// <summary>A phase from its code; "decompensated", the code before, is still read.</summary>
    public static bool TryParse(string? code, out Phase phase)
    {
        var c = code?.Trim();
        if (string.Equals(c, "decompensated", StringComparison.OrdinalIgnoreCase)) { phase = Phase.Decompensated; return true; }
        foreach (var p in Enum.GetValues<Phase>())
            if (string.Equals(p.Code(), c, StringComparison.OrdinalIgnoreCase)) { phase = p; return true; }
        phase = Phase.Unknown;
        return false;
    }
}
