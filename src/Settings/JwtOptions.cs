namespace Cohort.Settings;

/// <summary>
/// "Cohort:Access:Jwt": tokens from an OpenID Connect provider (Authority, discovery) or signed with a configured key (SigningKey, an
/// RSA public key in PEM, or a base64 symmetric key). Roles come from <see cref="RoleClaim"/> (values analyst, epidemiologist, engineer,
/// admin); the account name from <see cref="NameClaim"/>.
/// </summary>
public sealed class JwtOptions
{
    public string? Authority { get; set; }
    public string? Audience { get; set; }
    public string? Issuer { get; set; }
    public string? SigningKey { get; set; }
    public string RoleClaim { get; set; } = "roles";
    public string NameClaim { get; set; } = "preferred_username";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}
