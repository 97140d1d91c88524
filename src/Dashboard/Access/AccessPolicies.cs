using System.Security.Claims;
using Cohort.Contracts.Access;
using Cohort.Domain.Access;
using Cohort.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Cohort.Dashboard.Access;

/// <summary>
/// Who may open what (ARCHITECTURE.md, Roles), as authorization policies named after what they protect. Every endpoint names one;
/// the role × route table of the README and the access tests follow these names.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Suppressed aggregate views: any signed-in account, or anyone when Cohort:Access:AnonymousAggregates (the demo).</summary>
    public const string Aggregates = "aggregates";
    /// <summary>Participant-level series, exports, phenotype fits: epidemiologists.</summary>
    public const string ParticipantLevel = "participant-level";
    /// <summary>Ingest runs, schedules, quarantines (raw rows), data quality: engineers.</summary>
    public const string Ingest = "ingest";
    /// <summary>Accounts, the audit log, the Orleans operations dashboard: admins.</summary>
    public const string Administration = "administration";
    /// <summary>Any signed-in account (its own page and keys).</summary>
    public const string SignedIn = "signed-in";

    public const string Scheme = "cohort", CredentialScheme = "cohort-credential", JwtScheme = "jwt";

    public static IServiceCollection AddCohortAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AccessOptions.Section).Get<AccessOptions>() ?? new AccessOptions();
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section));
        var auth = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cohort", o => o.ForwardDefaultSelector = http =>
                options.Jwt.Enabled && CredentialAuthentication.BearerToken(http.Request) is { } t && Credential.TryParse(t) is null ? JwtScheme : CredentialScheme)
            .AddScheme<AuthenticationSchemeOptions, CredentialAuthentication>(CredentialScheme, null);
        if (options.Jwt.Enabled) auth.AddJwtBearer(JwtScheme, o => ConfigureJwt(o, options.Jwt));
        services.AddAuthorization(a =>
        {
            a.AddPolicy(Aggregates, p => p.RequireAssertion(c => options.AnonymousAggregates || Holds(c.User, Role.Analyst)));
            a.AddPolicy(ParticipantLevel, p => p.RequireAssertion(c => Holds(c.User, Role.Epidemiologist)));
            a.AddPolicy(Ingest, p => p.RequireAssertion(c => Holds(c.User, Role.Engineer)));
            a.AddPolicy(Administration, p => p.RequireAssertion(c => Holds(c.User, Role.Admin)));
            a.AddPolicy(SignedIn, p => p.RequireAssertion(c => Holds(c.User, Role.Analyst)));
            a.FallbackPolicy = a.GetPolicy(Administration); // an endpoint that forgot to name a policy is admin-only, never open
        });
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessDeniedResponses>();
        return services;
    }

    public static bool Holds(ClaimsPrincipal user, Role role) =>
        user.Identity?.IsAuthenticated == true && Roles.Grants(RolesOf(user), role);

    public static Role[] RolesOf(ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => Roles.All.FirstOrDefault(r => Roles.Name(r) == c.Value.ToLowerInvariant(), (Role)(-1))).Where(r => (int)r >= 0).Distinct().ToArray();

    /// <summary>The policy a role needs, for messages: "needs the epidemiologist role".</summary>
    public static string Describe(string policy) => policy switch
    {
        Aggregates or SignedIn => "a signed-in account",
        ParticipantLevel => "the epidemiologist role",
        Ingest => "the engineer role",
        _ => "the admin role",
    };

    private static void ConfigureJwt(JwtBearerOptions o, JwtOptions jwt)
    {
        o.MapInboundClaims = false;
        if (!string.IsNullOrWhiteSpace(jwt.Authority)) o.Authority = jwt.Authority;
        o.RequireHttpsMetadata = jwt.Authority?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ?? false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = !string.IsNullOrWhiteSpace(jwt.Audience), ValidAudience = jwt.Audience,
            ValidateIssuer = !string.IsNullOrWhiteSpace(jwt.Issuer) || !string.IsNullOrWhiteSpace(jwt.Authority), ValidIssuer = jwt.Issuer,
            NameClaimType = jwt.NameClaim, RoleClaimType = jwt.RoleClaim,
            IssuerSigningKey = string.IsNullOrWhiteSpace(jwt.SigningKey) ? null : SigningKey(jwt.SigningKey),
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        o.Events = new JwtBearerEvents
        {
            // Roles arrive in the provider's claim (an array or a space-separated string); Cohort reads standard role claims.
            OnTokenValidated = c =>
            {
                var identity = (ClaimsIdentity)c.Principal!.Identity!;
                var roles = identity.FindAll(jwt.RoleClaim).SelectMany(r => r.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
                foreach (var r in roles) identity.AddClaim(new Claim(ClaimTypes.Role, r.ToLowerInvariant()));
                var name = identity.FindFirst(jwt.NameClaim)?.Value ?? identity.FindFirst("sub")?.Value ?? "unknown";
                identity.AddClaim(new Claim(ClaimTypes.Name, "oidc:" + name));
                return Task.CompletedTask;
            },
        };
    }

    private static SecurityKey SigningKey(string text)
    {
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportFromPem(text);
            return new RsaSecurityKey(rsa);
        }
        return new SymmetricSecurityKey(Convert.FromBase64String(text));
    }
}
