using System.Security.Cryptography;
using System.Text;

namespace Cohort.Domain.Access;

/// <summary>
/// Source participant ids replaced at ingest by a keyed HMAC: "p" + the first 120 bits of HMAC-SHA256(key, "cohort/participant/v1:" +
/// id) in lower-case Crockford base32 (25 characters). Deterministic (the same id and key always give the same pseudonym, across runs
/// and machines), not reversible without the key, and collision-free in practice (2^-60 for a billion ids). The key (≥ 32 bytes) is
/// held outside the store.
/// </summary>
public sealed class Pseudonymiser
{
    public const string Domain = "cohort/participant/v1:";
    public const int MinimumKeyBytes = 32;
    private readonly byte[] _key;

    public Pseudonymiser(byte[] key)
    {
        if (key.Length < MinimumKeyBytes) throw new ArgumentException($"the pseudonymisation key must have at least {MinimumKeyBytes} bytes (got {key.Length})", nameof(key));
        _key = key;
    }

    public string Pseudonym(string sourceId)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Domain + sourceId), mac);
        return "p" + Credential.Encode(mac[..15]);
    }

    /// <summary>A short fingerprint of the key (SHA-256 of the HMAC of a fixed string) to tell keys apart without revealing them.</summary>
    public string KeyFingerprint() => Convert.ToHexStringLower(SHA256.HashData(HMACSHA256.HashData(_key, "cohort/key-fingerprint"u8)))[..16];

    /// <summary>Reads a key: base64 text (what `openssl rand -base64 32` writes) or raw bytes of at least 32 bytes.</summary>
    public static byte[] ParseKey(string text)
    {
        var trimmed = text.Trim();
        try
        {
            return Convert.FromBase64String(trimmed);
        }
        catch (FormatException)
        {
            throw new ArgumentException("the pseudonymisation key must be base64 (for example the output of `openssl rand -base64 32`)");
        }
    }
}
