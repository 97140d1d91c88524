namespace Cohort.Contracts;

/// <summary>The Orleans cluster and service ids every Cohort silo and client uses.</summary>
public static class CohortCluster
{
    public const string ClusterId = "cohort";
    public const string ServiceId = "cohort";
}
