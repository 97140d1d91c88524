namespace Cohort.Contracts.Outcomes;

/// <summary>
/// What a shard did with events: first occurrences added or moved earlier, events later than (or equal to) the one held, and
/// participants whose last contact an event moved later.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Outcomes.EventMerge")]
public sealed record EventMerge(
    [property: Id(0)] long Added,
    [property: Id(1)] long Unchanged,
    [property: Id(2)] long Extended = 0);
