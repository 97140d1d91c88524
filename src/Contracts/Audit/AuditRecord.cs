namespace Cohort.Contracts.Audit;

/// <summary>A stored entry of the audit log, chained by hash (Cohort.Domain.Audit.AuditChain).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Audit.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string Target,
    [property: Id(5)] string From,
    [property: Id(6)] string Detail,
    [property: Id(7)] string PreviousHash,
    [property: Id(8)] string Hash);
