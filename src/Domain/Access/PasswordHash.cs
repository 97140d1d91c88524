using System.Security.Cryptography;

namespace Cohort.Domain.Access;

/// <summary>
/// Passwords stored only as salted PBKDF2-SHA256 hashes ("pbkdf2-sha256$iterations$salt$hash", base64): a random 16-byte salt per
/// password and 210,000 iterations (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). Verification is constant-time.
/// </summary>
public static class PasswordHash
{
    public const int Iterations = 210_000;
    public const int MinimumLength = 12;

    public static string Of(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Matches(string stored, string password)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations)) return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Why a new password is refused, or null when it is acceptable.</summary>
    public static string? Weakness(string password, string accountName) =>
        password.Length < MinimumLength ? $"a password needs at least {MinimumLength} characters"
        : password.Contains(accountName, StringComparison.OrdinalIgnoreCase) ? "a password must not contain the account name"
        : password.Distinct().Count() < 5 ? "a password needs at least 5 different characters"
        : null;

    /// <summary>A random password for a new account (shown once, to be changed at first sign-in).</summary>
    public static string Generate() => Credential.Encode(RandomNumberGenerator.GetBytes(15));
}
