namespace Cohort.Contracts.Outcomes;

/// <summary>What a shard did with events: first occurrences added or moved earlier, and events later than (or equal to) the one held.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Outcomes.EventMerge")]
public sealed record EventMerge(
    [property: Id(0)] long Added,
    [property: Id(1)] long Unchanged);
