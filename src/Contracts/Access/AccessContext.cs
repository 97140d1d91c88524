namespace Cohort.Contracts.Access;

/// <summary>
/// Who is acting and from where, carried with every grain call in Orleans' RequestContext: set by the dashboard for the signed-in
/// user, by the silo's gateway check for a client's verified credential, and read where audit entries are written.
/// </summary>
public static class AccessContext
{
    public const string CredentialKey = "cohort.credential", ActorKey = "cohort.actor", FromKey = "cohort.from", ExactKey = "cohort.exact",
        ViaGatewayKey = "cohort.via-gateway";

    /// <summary>
    /// Whether aggregate views may be exact for this call: set only by a trusted party for an epidemiologist (the dashboard for its
    /// signed-in user, the gateway filter for a verified credential, which also removes any value a client set itself). Otherwise
    /// aggregates are perturbed.
    /// </summary>
    public static bool Exact => RequestContext.Get(ExactKey) is true;

    /// <summary>
    /// An origin as the silo can vouch for it: what a client of the Orleans gateway says of itself ("cli on HOST") is only a claim,
    /// recorded as "the gateway (claimed: …)"; origins from inside the silo (the dashboard's client address) are kept.
    /// </summary>
    public static string VerifiedFrom(string from)
    {
        if (RequestContext.Get(ViaGatewayKey) is not true || from.Contains(GatewayOrigin, StringComparison.Ordinal)) return from;
        return $"{GatewayOrigin} (claimed: {(from.Length <= 80 ? from : from[..80])})";
    }

    public const string GatewayOrigin = "the gateway";

    public static void SetExact(bool exact)
    {
        if (exact) RequestContext.Set(ExactKey, true);
        else RequestContext.Remove(ExactKey);
    }

    /// <summary>The actor of the silo's own work (schedules, the demo seeder, merges).</summary>
    public const string SystemActor = "system";

    /// <summary>The acting account, or <see cref="SystemActor"/> for the silo's own work.</summary>
    public static string Actor => RequestContext.Get(ActorKey) as string ?? SystemActor;

    public static string From => RequestContext.Get(FromKey) as string ?? "silo";

    public static void Set(string actor, string from)
    {
        RequestContext.Set(ActorKey, actor);
        RequestContext.Set(FromKey, from);
    }

    /// <summary>The credential a client presents on its calls (an API key or a session token, or a dashboard process's service key).</summary>
    public static void Present(string credential) => RequestContext.Set(CredentialKey, credential);
}
