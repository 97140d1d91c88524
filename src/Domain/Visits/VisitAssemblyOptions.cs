using Cohort.Domain.Markers;

namespace Cohort.Domain.Visits;

/// <summary>How a participant's results become visits: the visit window and what the participants file says about diabetes.</summary>
public sealed record VisitAssemblyOptions(int WindowDays = VisitAssemblyOptions.DefaultWindowDays, DiabetesHistory? Diabetes = null)
{
    /// <summary>Results within 14 days of a visit's first result belong to that visit (Cohort:VisitWindowDays).</summary>
    public const int DefaultWindowDays = 14;

    public static VisitAssemblyOptions Default { get; } = new();

    /// <summary>The markers the results may hold: which depend on fasting, and how many numbers there are.</summary>
    public MarkerRegistry Markers { get; init; } = MarkerRegistry.BuiltIn;
}
