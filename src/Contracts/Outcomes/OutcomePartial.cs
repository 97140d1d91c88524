namespace Cohort.Contracts.Outcomes;

/// <summary>
/// One shard's follow-up for an event: person-time cells, and per stratum the events and censorings on each day of follow-up (for the
/// Kaplan–Meier curve, merged exactly across shards and never released as such), and who was left out: no baseline visit, or the event
/// already before baseline (prevalent).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Outcomes.OutcomePartial")]
public sealed record OutcomePartial(
    [property: Id(0)] IReadOnlyList<FollowUpCell> Cells,
    [property: Id(1)] IReadOnlyDictionary<string, long[]> EventsByDay,
    [property: Id(2)] IReadOnlyDictionary<string, long[]> CensoredByDay,
    [property: Id(3)] long Prevalent,
    [property: Id(4)] uint PrevalentKeys,
    [property: Id(5)] long WithoutBaseline);
