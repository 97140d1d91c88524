using System.Net;
using Cohort.Contracts;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Cohort.Silo.Hosting;

/// <summary>
/// How this process joins the cluster. Embedded (default): <c>Cohort:Clustering = localhost</c>, one silo. Distributed:
/// <c>Cohort:Clustering = redis</c> with <c>Cohort:RedisConnectionString</c> for membership (schedules are grain state, run by each silo's schedule runner; no reminders); each silo advertises
/// <c>Cohort:AdvertisedAddress</c> (its pod IP in Kubernetes) on <c>Cohort:SiloPort</c> / <c>Cohort:GatewayPort</c> and listens on all
/// interfaces, named <c>Cohort:SiloName</c> (the pod name in Kubernetes) in the membership table. A dashboard process (<c>Cohort:Role = dashboard</c>) joins as an Orleans client through the same membership table.
/// </summary>
public sealed record ClusterTopology
{
    public required bool Redis { get; init; }
    public required string? RedisConnectionString { get; init; }
    public required IPAddress Advertised { get; init; }
    public required int SiloPort { get; init; }
    public required int GatewayPort { get; init; }
    public required string Role { get; init; }
    public required TimeSpan ProbeTimeout { get; init; }
    public required int MissedProbesLimit { get; init; }
    public required TimeSpan ResponseTimeout { get; init; }
    public required string? SiloName { get; init; }

    public static ClusterTopology From(ClusterSettings c)
    {
        var mode = c.Clustering.Trim().ToLowerInvariant();
        var redis = mode switch
        {
            "localhost" => false,
            "redis" => true,
            _ => throw new InvalidOperationException($"Cohort:Clustering must be localhost or redis (got '{mode}')"),
        };
        if (redis && string.IsNullOrWhiteSpace(c.RedisConnectionString))
            throw new InvalidOperationException("Cohort:Clustering is redis but Cohort:RedisConnectionString is empty; set it (for example redis:6379)");
        var address = c.AdvertisedAddress is { Length: > 0 } a
            ? IPAddress.TryParse(a, out var ip) ? ip : throw new InvalidOperationException($"Cohort:AdvertisedAddress must be an IP address (got '{a}')")
            : IPAddress.Loopback;
        var role = c.Role.Trim().ToLowerInvariant();
        if (role is not ("silo" or "dashboard")) throw new InvalidOperationException($"Cohort:Role must be silo or dashboard (got '{role}')");
        if (role == "dashboard" && !redis) throw new InvalidOperationException("Cohort:Role = dashboard needs Cohort:Clustering = redis (a co-hosted dashboard needs no role)");
        foreach (var (key, port) in new[] { ("SiloPort", c.SiloPort), ("GatewayPort", c.GatewayPort) })
            if (port is < 1 or > 65535) throw new InvalidOperationException($"Cohort:{key} must be a port between 1 and 65535 (got {port})");
        var m = c.Membership;
        foreach (var (key, seconds) in new[] { ("ProbeTimeoutSeconds", m.ProbeTimeoutSeconds), ("ResponseTimeoutSeconds", m.ResponseTimeoutSeconds) })
            if (!(seconds > 0)) throw new InvalidOperationException($"Cohort:Membership:{key} must be a positive number of seconds (got {seconds})");
        if (m.MissedProbesLimit < 1) throw new InvalidOperationException($"Cohort:Membership:MissedProbesLimit must be at least 1 (got {m.MissedProbesLimit})");
        return new ClusterTopology
        {
            Redis = redis,
            RedisConnectionString = c.RedisConnectionString,
            Advertised = address,
            SiloPort = c.SiloPort,
            GatewayPort = c.GatewayPort,
            Role = role,
            ProbeTimeout = TimeSpan.FromSeconds(m.ProbeTimeoutSeconds),
            MissedProbesLimit = m.MissedProbesLimit,
            ResponseTimeout = TimeSpan.FromSeconds(m.ResponseTimeoutSeconds),
            SiloName = c.SiloName,
        };
    }

    public void Configure(ISiloBuilder silo)
    {
        if (!Redis)
        {
            silo.UseLocalhostClustering(SiloPort, GatewayPort, serviceId: CohortCluster.ServiceId, clusterId: CohortCluster.ClusterId);
            return;
        }
        silo.Configure<ClusterOptions>(o => { o.ClusterId = CohortCluster.ClusterId; o.ServiceId = CohortCluster.ServiceId; });
        if (SiloName is { Length: > 0 } name) silo.Configure<SiloOptions>(o => o.SiloName = name);
        silo.ConfigureEndpoints(Advertised, SiloPort, GatewayPort, listenOnAnyHostAddress: true);
        silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(RedisConnectionString!));
        // How fast a dead silo is declared dead (Orleans' defaults unless configured): its grains reactivate elsewhere after that.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = ProbeTimeout;
            o.NumMissedProbesLimit = MissedProbesLimit;
        });
        // A call to a grain on a silo that just died fails after this long instead of Orleans' 30 s, so that the dashboard's retry
        // (TransientRetry) answers within a user's patience once the grain has moved.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
    }

    public void Configure(IClientBuilder client)
    {
        client.Configure<ClusterOptions>(o => { o.ClusterId = CohortCluster.ClusterId; o.ServiceId = CohortCluster.ServiceId; });
        client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(RedisConnectionString!));
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        // A client keeps trying a gateway it lost (it may be a passing glitch) until its gateway list, read from the membership table,
        // no longer holds it; Orleans reads that list once a minute. A silo that was killed is declared dead within a few probe
        // periods, so reading the list every few seconds lets the dashboard stop sending to it well inside its retry window.
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh);
    }

    /// <summary>How often a client (the dashboard process) re-reads the live gateways from the membership table.</summary>
    public static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(5);
}
