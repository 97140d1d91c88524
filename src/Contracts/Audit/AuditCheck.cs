namespace Cohort.Contracts.Audit;

/// <summary>The result of verifying the whole chain: intact, or the first entry that does not fit and why.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Audit.AuditCheck")]
public sealed record AuditCheck(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long Entries,
    [property: Id(2)] long? BrokenAt,
    [property: Id(3)] string? Reason);
