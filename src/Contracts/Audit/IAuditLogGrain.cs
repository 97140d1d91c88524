using Cohort.Contracts.Access;
namespace Cohort.Contracts.Audit;

/// <summary>The cohort's append-only, tamper-evident audit log (key 0).</summary>
public interface IAuditLogGrain : IGrainWithIntegerKey
{
    [Requires(Role.Analyst)]
    Task<AuditRecord> Append(AuditEvent e);

    /// <summary>Up to <paramref name="count"/> entries after the given sequence number, oldest first.</summary>
    [Requires(Role.Admin)]
    Task<IReadOnlyList<AuditRecord>> Read(long afterSequence, int count);

    [Requires(Role.Admin)]
    Task<AuditCheck> Verify();
}
