namespace Cohort.Contracts.Access;

/// <summary>
/// The roles of ARCHITECTURE.md: analysts see suppressed aggregate views; epidemiologists also participant-level series, exports and
/// model fits; engineers ingest runs, schedules, quarantines (raw rows) and data quality; admins users, the audit log and the Orleans
/// operations dashboard. Every signed-in account may see the aggregate views.
/// </summary>
public enum Role
{
    Analyst = 0,
    Epidemiologist = 1,
    Engineer = 2,
    Admin = 3,
}
