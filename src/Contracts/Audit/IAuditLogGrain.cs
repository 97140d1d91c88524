using Cohort.Contracts.Access;
namespace Cohort.Contracts.Audit;

/// <summary>The cohort's append-only, tamper-evident audit log (key 0).</summary>
[Alias("Cohort.Contracts.Audit.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithIntegerKey
{
    [Requires(Role.Analyst)]
    [Alias("Append")]
    Task<AuditRecord> Append(AuditEvent e);

    /// <summary>Up to <paramref name="count"/> entries after the given sequence number, oldest first.</summary>
    [Requires(Role.Admin)]
    [Alias("Read")]
    Task<IReadOnlyList<AuditRecord>> Read(long afterSequence, int count);

    [Requires(Role.Admin)]
    [Alias("Verify")]
    Task<AuditCheck> Verify();
}
