using Cohort.Contracts.Access;
namespace Cohort.Contracts.Audit;

/// <summary>
/// One segment of the audit log (key: its number, from 1): the entries of one UTC day, at most <c>AuditSegments.Capacity</c> of them,
/// chained by hash to the last entry of the segment before. Written only by the log (<see cref="IAuditLogGrain"/>), which a gateway
/// client cannot bypass: reading a segment directly needs the admin role, as reading the log does.
/// </summary>
[Requires(Role.Admin)]
[Alias("Cohort.Contracts.Audit.IAuditSegmentGrain")]
public interface IAuditSegmentGrain : IGrainWithIntegerKey
{
    /// <summary>Appends an entry (the log has chained it) and makes it durable before returning.</summary>
    [Alias("Add")]
    Task Add(AuditRecord record);

    /// <summary>Every entry of the segment, oldest first.</summary>
    [Alias("Entries")]
    Task<IReadOnlyList<AuditRecord>> Entries();
}
