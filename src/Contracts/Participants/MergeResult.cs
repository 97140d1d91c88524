namespace Cohort.Contracts.Participants;

/// <summary>
/// What a merge did: observations new to the participant, corrected (same natural key, new value) and already present; and the rows
/// not taken because the same run had already given their natural key (<see cref="RunRepeat"/>; null when there were none).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.MergeResult")]
public sealed record MergeResult([property: Id(0)] int Added, [property: Id(1)] int Changed, [property: Id(2)] int Unchanged,
    [property: Id(3)] RunRepeat[]? Repeats = null);
