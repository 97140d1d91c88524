namespace Cohort.Contracts.Queries;

/// <summary>
/// A shard's transitions between two visits, per phenotype: the state matrix (from × to, states in enum order with unknown first,
/// flattened row by row) and, per starting state, the moves with their person-time (<see cref="Moves"/>; a table's totals of those at
/// risk, progressions and person-years are their sums). Ids 1–3 and 6–8 are retired: they held those totals beside the moves.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.TransitionCounts")]
public sealed record TransitionCounts(
    [property: Id(0)] IReadOnlyDictionary<string, long[]> Matrix,
    [property: Id(4)] long WithoutBothVisits)
{
    /// <summary>Cell key sums (mod 2³²) of each matrix cell, as <see cref="Matrix"/> (never released).</summary>
    [Id(5)] public IReadOnlyDictionary<string, uint[]>? MatrixKeys { get; init; }

    [Id(9)] public uint WithoutBothVisitsKey { get; init; }

    /// <summary>Moves between the two visits per stratum, by starting state: raw, confirmed and regressions, with person-time.</summary>
    [Id(10)] public IReadOnlyDictionary<string, MoveCounts>? Moves { get; init; }

    /// <summary>
    /// Every kept participant's states over all their visits (digits of the state ordinals, '0' unknown), counted, with each
    /// sequence's cell key: what the hidden Markov model is fitted on. And the years between consecutive visits, summed, and how many.
    /// </summary>
    [Id(11)] public IReadOnlyDictionary<string, long>? Sequences { get; init; }
    [Id(12)] public IReadOnlyDictionary<string, uint>? SequenceKeys { get; init; }
    [Id(13)] public double IntervalYears { get; init; }
    [Id(14)] public long Intervals { get; init; }
}
