namespace Cohort.Domain.Phenotypes;

/// <summary>
/// What a cluster's mean bootstrap Jaccard similarity says, in Hennig's words (fpc::clusterboot; Hennig 2007, Comput Stat Data Anal
/// 52:258–271): 0.75 or more is a valid, stable cluster; 0.6 to 0.75 a pattern whose exact members are doubtful; below 0.6 not to be
/// trusted; 0.5 or less dissolved.
/// </summary>
public static class ClusterStability
{
    public const double Stable = 0.75, Pattern = 0.6, Dissolved = 0.5;

    public static string Reading(double jaccard) => jaccard switch
    {
        >= Stable => "stable",
        >= Pattern => "a pattern; which participants belong to it is doubtful",
        > Dissolved => "not to be trusted",
        _ => "dissolved",
    };
}
