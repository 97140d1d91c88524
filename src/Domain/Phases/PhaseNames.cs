namespace Cohort.Domain.Phases;

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
