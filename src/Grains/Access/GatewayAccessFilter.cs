using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Cohort.Contracts.Access;
using Cohort.Settings;
using Microsoft.Extensions.Options;

namespace Cohort.Grains.Access;

/// <summary>
/// Role checks for calls from Orleans clients connected through a gateway (the CLI, a dashboard process). Calls between grains and from
/// code inside the silo (the co-hosted dashboard, which checks roles over HTTP, the scheduler) pass: the gateway is the boundary.
/// A client call to a method marked <see cref="RequiresAttribute"/> must carry a credential (API key or session token) of an account
/// holding the role, or the service key; the verified account becomes the call's actor (what the audit log records), replacing
/// anything the client claimed. Verified credentials are cached for 30 s per silo.
/// </summary>
public sealed class GatewayAccessFilter(IGrainFactory grains, IOptions<AccessOptions> options, TimeProvider clock) : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, Role?> Requirements = new();
    private readonly ConcurrentDictionary<string, (Principal? Principal, DateTimeOffset Until)> _verified = new();
    private readonly byte[]? _serviceKey = string.IsNullOrEmpty(options.Value.ServiceKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ServiceKey));

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!FromGatewayClient(context.SourceId))
        {
            await context.Invoke();
            return;
        }
        var credential = RequestContext.Get(AccessContext.CredentialKey) as string;
        if (IsServiceKey(credential))
        {
            await context.Invoke();
            return;
        }
        var claimedFrom = RequestContext.Get(AccessContext.FromKey) as string;
        RequestContext.Set(AccessContext.ViaGatewayKey, true);
        RequestContext.Remove(AccessContext.ActorKey);
        AccessContext.SetExact(false);
        var required = Requirement(context.InterfaceMethod);
        var principal = credential is null ? null : await Verify(credential);
        if (principal is not null && Roles.Grants(principal.Roles, Role.Epidemiologist)) AccessContext.SetExact(true);
        if (required is { } role)
        {
            if (principal is null)
                throw new AccessDeniedException($"sign in first: this needs a signed-in account with the {Roles.Name(role)} role (set COHORT_API_KEY to an API key, or COHORT_USER and COHORT_PASSWORD)");
            if (!Roles.Grants(principal.Roles, role))
                throw new AccessDeniedException($"{principal.Name} may not do this: it needs the {Roles.Name(role)} role");
            AccessContext.Set(principal.Name, AccessContext.VerifiedFrom(Trim(claimedFrom) ?? "unnamed"));
        }
        await context.Invoke();
    }

    /// <summary>A client connected through a gateway; the co-hosted client of a silo is named "hosted-…".</summary>
    public static bool FromGatewayClient(GrainId? source) =>
        source is { } s && s.IsClient() && !s.Key.ToString().StartsWith("hosted-", StringComparison.Ordinal);

    public static Role? Requirement(MethodInfo? method) => method is null ? null : Requirements.GetOrAdd(method, m =>
        m.GetCustomAttribute<RequiresAttribute>()?.Role ?? m.DeclaringType?.GetCustomAttribute<RequiresAttribute>()?.Role);

    private bool IsServiceKey(string? credential) =>
        _serviceKey is not null && credential is not null && CryptographicOperations.FixedTimeEquals(_serviceKey, SHA256.HashData(Encoding.UTF8.GetBytes(credential)));

    private async Task<Principal?> Verify(string credential)
    {
        var now = clock.GetUtcNow();
        var cacheKey = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));
        if (_verified.TryGetValue(cacheKey, out var hit) && hit.Until > now) return hit.Principal;
        var principal = await grains.GetGrain<IUserDirectoryGrain>(0).Authenticate(credential);
        if (_verified.Count > 10_000) _verified.Clear();
        _verified[cacheKey] = (principal, now.AddSeconds(30));
        return principal;
    }

    private static string? Trim(string? s) => s is null ? null : s.Length <= 80 ? s : s[..80];
}
