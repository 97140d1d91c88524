namespace Cohort.Dashboard;

/// <summary>Dashboard settings ("Cohort:Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string Section = "Cohort:Dashboard";

    /// <summary>
    /// Serve participant-level data (GET /api/participants/{id}). Off by default until authentication exists (ARCHITECTURE.md, Roles).
    /// </summary>
    public bool ParticipantLevel { get; set; }
}
