using Cohort.Domain.Access;

namespace Cohort.Grains.Access;

/// <summary>
/// "Cohort:Pseudonymisation": source participant ids replaced at ingest by a keyed HMAC (Domain's <see cref="Pseudonymiser"/>).
/// On by default in distributed mode (PostgreSQL storage), off by default on one machine. The key is base64 in <see cref="Key"/>
/// (an environment variable from a secret) or in <see cref="KeyFile"/>; it is never written to the store. On one machine a missing
/// key file is created (32 random bytes, mode 0600) on first start; in distributed mode a missing key stops the silo, since silos
/// with different keys would give one person two pseudonyms.
/// </summary>
public sealed class PseudonymisationOptions
{
    public const string Section = "Cohort:Pseudonymisation";

    public bool? Enabled { get; set; }
    public string? Key { get; set; }
    public string KeyFile { get; set; } = "./secrets/pseudonymisation.key";

    /// <summary>The pseudonymiser, or null when ids are kept as given.</summary>
    public Pseudonymiser? Create(bool distributed, Action<string> warn)
    {
        if (!(Enabled ?? distributed)) return null;
        if (!string.IsNullOrWhiteSpace(Key)) return new Pseudonymiser(Pseudonymiser.ParseKey(Key));
        var path = Path.GetFullPath(KeyFile);
        if (File.Exists(path)) return new Pseudonymiser(Pseudonymiser.ParseKey(File.ReadAllText(path)));
        if (distributed)
            throw new InvalidOperationException($"pseudonymisation is on but no key is configured: set Cohort:Pseudonymisation:Key (base64 of ≥ 32 random bytes, " +
                $"e.g. `openssl rand -base64 32`, the same on every silo) or Cohort:Pseudonymisation:KeyFile (looked for {path})");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key) + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        warn($"created the pseudonymisation key {path}: keep it outside the store's backups and back it up separately — without it, " +
             "a later ingest of the same people gives them new pseudonyms");
        return new Pseudonymiser(key);
    }
}
