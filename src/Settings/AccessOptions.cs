namespace Cohort.Settings;

/// <summary>Access settings ("Cohort:Access"), read by silos and dashboards.</summary>
public sealed class AccessOptions
{
    public const string Section = "Cohort:Access";

    /// <summary>
    /// The first admin's password on a fresh store, for automated deployments (a Kubernetes secret). Empty (the default): a one-time
    /// password is generated and printed once, to be changed at first sign-in.
    /// </summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>
    /// A shared secret that a dashboard running as its own process presents to the silos (it checks roles itself and acts for the
    /// signed-in user). Required for Cohort:Role = dashboard; silos accept it only when it is set.
    /// </summary>
    public string? ServiceKey { get; set; }

    /// <summary>Open the aggregate (suppressed) views without sign-in — what `--demo` does; pages say so. Off by default.</summary>
    public bool AnonymousAggregates { get; set; }

    /// <summary>Sign-in with an institution's identity provider (JWT bearer tokens, OpenID Connect discovery).</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>
    /// The first wait, in seconds, after the free failed sign-ins of one account from one address ("SignInDelaySeconds", default 1);
    /// each further failure doubles it, up to 5 minutes.
    /// </summary>
    public double SignInDelaySeconds { get; set; } = 1;

    /// <summary>
    /// The TLS-terminating proxies in front of the dashboard ("ForwardedProxies": IP addresses or CIDR networks such as 10.0.0.0/8).
    /// Only their X-Forwarded-For and X-Forwarded-Proto are believed: the client's address (what sign-in throttling and the audit log
    /// record) and https (so the session cookie is marked Secure). Empty (the default): forwarded headers are ignored.
    /// </summary>
    public string[] ForwardedProxies { get; set; } = [];
}
