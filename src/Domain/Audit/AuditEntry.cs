namespace Cohort.Domain.Audit;

/// <summary>
/// One entry of the audit log: who did what to which target, when and from where, chained to the previous entry by its hash, so
/// that changing, removing or reordering any entry breaks every hash after it.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Target,
    string From,
    string Detail,
    string PreviousHash,
    string Hash);
