namespace Cohort.Contracts.Ingest;

/// <summary>A file a run read: its name, full path, role (participants or observations), SHA-256 of its content and size.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.IngestedFile")]
public sealed record IngestedFile(
    [property: Id(0)] string Name,
    [property: Id(1)] string Path,
    [property: Id(2)] string Role,
    [property: Id(3)] string Sha256,
    [property: Id(4)] long Bytes);
