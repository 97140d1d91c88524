namespace Cohort.Contracts.Queries;

/// <summary>A histogram bin whose count is null when suppressed (1 to threshold − 1, or its complement).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ReleasedBin")]
public sealed record ReleasedBin([property: Id(0)] double From, [property: Id(1)] double To, [property: Id(2)] long? Count);
