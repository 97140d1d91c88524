namespace Cohort.Contracts.Ingest;

/// <summary>
/// The data every query sees: the state after <see cref="Epoch"/> commits, the latest made by run <see cref="RunId"/> (null and 0 before
/// any). A query pins this once and every shard answers as of it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.PublishedData")]
public sealed record PublishedData(
    [property: Id(0)] long Epoch,
    [property: Id(1)] string? RunId);
