namespace Cohort.Silo.Hosting;

/// <summary>
/// How this process joins the cluster, bound from the "Cohort" section: <c>Clustering</c> (localhost or redis),
/// <c>RedisConnectionString</c>, <c>AdvertisedAddress</c>, <c>SiloPort</c>, <c>GatewayPort</c>, <c>Role</c> (silo or dashboard),
/// <c>SiloName</c> and <c>Membership</c> (how fast a dead silo is declared dead). <see cref="ClusterTopology.From"/> checks them.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Cohort";

    public string Clustering { get; set; } = "localhost";
    public string? RedisConnectionString { get; set; }
    public string? AdvertisedAddress { get; set; }
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string Role { get; set; } = "silo";
    public string? SiloName { get; set; }
    public MembershipSettings Membership { get; set; } = new();

    /// <summary>"Cohort:Membership": Orleans' probe timeout and missed-probe limit, and the response timeout of a call to a dead silo.</summary>
    public sealed class MembershipSettings
    {
        public double ProbeTimeoutSeconds { get; set; } = 5;
        public int MissedProbesLimit { get; set; } = 3;
        public double ResponseTimeoutSeconds { get; set; } = 15;
    }
}
