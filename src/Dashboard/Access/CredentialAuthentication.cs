using System.Security.Claims;
using System.Text.Encodings.Web;
using Cohort.Contracts.Access;
using Cohort.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cohort.Dashboard.Access;

/// <summary>
/// Cohort's own credentials: an API key or session token as "Authorization: Bearer …" or "X-Api-Key", or the session cookie set by
/// the sign-in page. Each request is checked with the user directory (a disabled account or a signed-out session stops at once).
/// The cookie is not accepted for state-changing API calls (POST/DELETE under /api), which need a bearer credential, so that no
/// other site can make a signed-in browser change anything; forms carry anti-forgery tokens instead.
/// </summary>
public sealed class CredentialAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Cookie = "cohort_session";

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim();
        var key = request.Headers["X-Api-Key"].ToString();
        return key.Length > 0 ? key.Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request);
        if (token is null && Request.Cookies.TryGetValue(Cookie, out var cookie) && !(IsUnsafe(Request) && Request.Path.StartsWithSegments("/api")))
            token = cookie;
        if (string.IsNullOrEmpty(token)) return AuthenticateResult.NoResult();
        if (Credential.TryParse(token) is null) return AuthenticateResult.Fail("the credential is not a Cohort API key or session token");
        var principal = await grains.GetGrain<IUserDirectoryGrain>(0).Authenticate(token);
        if (principal is null) return AuthenticateResult.Fail("the credential is unknown, expired, revoked or its account is disabled");
        var claims = new List<Claim> { new(ClaimTypes.Name, principal.Name), new("cohort:credential", token) };
        claims.AddRange(principal.Roles.Select(r => new Claim(ClaimTypes.Role, Roles.Name(r))));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    public static bool IsUnsafe(HttpRequest request) => !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
}
