namespace Cohort.Dashboard;

/// <summary>A read that could not be answered within its deadline while the cluster recovers from a lost silo (503, try again).</summary>
internal sealed class ClusterUnavailableException(TimeSpan deadline)
    : Exception($"the cluster did not answer within {deadline.TotalSeconds:0} s (a silo may have just been lost and its work is moving); try again in a few seconds")
{
    public static TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);
}
