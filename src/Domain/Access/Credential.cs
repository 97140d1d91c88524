using System.Security.Cryptography;
using System.Text;

namespace Cohort.Domain.Access;

/// <summary>
/// A bearer secret: API keys ("ck_…") and sign-in sessions ("cs_…"), each "prefix_id_secret". The id finds the stored record; the
/// secret (160 random bits) is kept only as a salted SHA-256 hash (a fast hash suffices for a random secret of this length).
/// </summary>
public sealed record Credential(string Prefix, string Id, string Secret)
{
    public const string ApiKeyPrefix = "ck", SessionPrefix = "cs";

    public override string ToString() => $"{Prefix}_{Id}_{Secret}";

    public static Credential New(string prefix) => new(prefix, Encode(RandomNumberGenerator.GetBytes(8)), Encode(RandomNumberGenerator.GetBytes(20)));

    public static Credential? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 200) return null;
        var parts = text.Trim().Split('_');
        return parts is [var prefix and (ApiKeyPrefix or SessionPrefix), { Length: > 0 } id, { Length: > 0 } secret] ? new Credential(prefix, id, secret) : null;
    }

    /// <summary>"salt$hash" of the secret, base64.</summary>
    public string SaltedHash()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"{Convert.ToBase64String(salt)}${Convert.ToBase64String(Hash(salt))}";
    }

    public bool Matches(string saltedHash)
    {
        var parts = saltedHash.Split('$');
        if (parts.Length != 2) return false;
        return CryptographicOperations.FixedTimeEquals(Hash(Convert.FromBase64String(parts[0])), Convert.FromBase64String(parts[1]));
    }

    private byte[] Hash(byte[] salt) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(Secret)]);

    /// <summary>Lower-case Crockford base32 (no padding): URL-, header- and shell-safe.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        const string alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        var sb = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) sb.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }
}
