namespace Cohort.Contracts.Access;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Access.PseudonymisationStatus")]
public sealed record PseudonymisationStatus([property: Id(0)] bool Enabled, [property: Id(1)] string? KeyFingerprint);
