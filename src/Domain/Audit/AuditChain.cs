using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cohort.Domain.Audit;

/// <summary>
/// The hash chain of the audit log. Each entry's hash is SHA-256 over its sequence, time (ISO 8601, UTC), actor, action, target,
/// origin, detail and the previous entry's hash, each length-prefixed so that no two different entries serialise alike; the first
/// entry chains to 64 zeros. Appending needs only the last entry; verifying walks the whole chain.
/// </summary>
public static class AuditChain
{
    public static string Genesis { get; } = new('0', 64);

    public static AuditEntry Append(AuditEntry? previous, DateTimeOffset at, string actor, string action, string target, string from, string detail)
    {
        var sequence = (previous?.Sequence ?? 0) + 1;
        var previousHash = previous?.Hash ?? Genesis;
        var utc = at.ToUniversalTime();
        return new AuditEntry(sequence, utc, actor, action, target, from, detail, previousHash,
            HashOf(sequence, utc, actor, action, target, from, detail, previousHash));
    }

    public static string HashOf(AuditEntry e) => HashOf(e.Sequence, e.At, e.Actor, e.Action, e.Target, e.From, e.Detail, e.PreviousHash);

    private static string HashOf(long sequence, DateTimeOffset at, string actor, string action, string target, string from, string detail, string previousHash)
    {
        var sb = new StringBuilder();
        foreach (var field in new[] { sequence.ToString(CultureInfo.InvariantCulture), at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), actor, action, target, from, detail, previousHash })
            sb.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>Checks sequence numbers, links and hashes from the first entry on.</summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries) => Verify(entries, 1, Genesis);

    /// <summary>
    /// Checks one part of the chain (a segment of the log) that must begin with sequence number <paramref name="firstSequence"/> and
    /// link to <paramref name="previousHash"/>, the last hash of the part before it; walking the parts in order verifies the whole chain
    /// with one part in memory at a time. <see cref="AuditVerification.Entries"/> counts this part's entries.
    /// </summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries, long firstSequence, string previousHash)
    {
        var previous = previousHash;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var expected = firstSequence + i;
            if (e.Sequence != expected) return new AuditVerification(false, entries.Count, e.Sequence, $"entry {expected} carries sequence number {e.Sequence}: an entry was removed or reordered");
            if (e.PreviousHash != previous) return new AuditVerification(false, entries.Count, e.Sequence, $"entry {e.Sequence} does not link to the entry before it");
            if (HashOf(e) != e.Hash) return new AuditVerification(false, entries.Count, e.Sequence, $"entry {e.Sequence} was changed after it was written (its hash does not match its contents)");
            previous = e.Hash;
        }
        return new AuditVerification(true, entries.Count, null, null);
    }
}
