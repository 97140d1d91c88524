namespace Cohort.Dashboard;

/// <summary>Whether the dashboard runs co-hosted in a silo or as its own process (an Orleans client, Cohort:Role = dashboard).</summary>
public sealed record DashboardHosting(bool SeparateProcess);
