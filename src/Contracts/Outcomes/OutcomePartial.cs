namespace Cohort.Contracts.Outcomes;

/// <summary>
/// One shard's follow-up for an event: person-time cells, and per stratum the events and censorings on each day of follow-up with the
/// sums of their people's record keys (for the Kaplan–Meier curve and the life table of a perturbed view, merged exactly across shards
/// and never released as such), and who was left out: the event already before baseline (prevalent), or no baseline visit.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Outcomes.OutcomePartial")]
public sealed record OutcomePartial
{
    [Id(0)] public required IReadOnlyList<FollowUpCell> Cells { get; init; }
    [Id(1)] public required IReadOnlyDictionary<string, long[]> EventsByDay { get; init; }
    [Id(2)] public required IReadOnlyDictionary<string, long[]> CensoredByDay { get; init; }
    [Id(3)] public required long Prevalent { get; init; }
    /// <summary>The record keys of everyone the query scanned with a baseline visit, plus the prevalent participants' once more.</summary>
    [Id(4)] public required uint PrevalentKeys { get; init; }
    [Id(5)] public required long WithoutBaseline { get; init; }
    [Id(6)] public required IReadOnlyDictionary<string, uint[]> EventKeysByDay { get; init; }
    [Id(7)] public required IReadOnlyDictionary<string, uint[]> CensoredKeysByDay { get; init; }
    [Id(8)] public required uint WithoutBaselineKeys { get; init; }
}
