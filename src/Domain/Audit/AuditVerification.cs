namespace Cohort.Domain.Audit;

/// <summary>The outcome of checking a chain: intact, or the first entry that does not fit and why.</summary>
public sealed record AuditVerification(bool Intact, long Entries, long? BrokenAt, string? Reason);
