namespace Cohort.Contracts.Ingest;

/// <summary>Failed checks compared with the previous run from the same source (schedule, or manual runs): new, resolved and persisting.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.QualityDiff")]
public sealed record QualityDiff(
    [property: Id(0)] string? PreviousRunId,
    [property: Id(1)] IReadOnlyList<string> New,
    [property: Id(2)] IReadOnlyList<string> Resolved,
    [property: Id(3)] IReadOnlyList<string> Persisting);
