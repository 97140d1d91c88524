namespace Cohort.Contracts.Ingest;

/// <summary>A rejected row kept in the run's quarantine: where it was, why, and the raw values as read.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.QuarantinedRow")]
public sealed record QuarantinedRow(
    [property: Id(0)] string File,
    [property: Id(1)] int RowGroup,
    [property: Id(2)] long Row,
    [property: Id(3)] string Reason,
    [property: Id(4)] string Message,
    [property: Id(5)] IReadOnlyDictionary<string, string?> Raw);
