namespace Cohort.Contracts.Ingest;

/// <summary>
/// The data every query sees: the state after <see cref="Epoch"/> commits, and its data version as results name it (the run of the
/// latest commit, as <see cref="IIngestRunsGrain.DataVersion"/> gives it). A query pins this once and every shard answers as of it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.PublishedData")]
public sealed record PublishedData(
    [property: Id(0)] long Epoch,
    [property: Id(1)] string DataVersion);
