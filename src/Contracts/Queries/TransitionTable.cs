namespace Cohort.Contracts.Queries;

/// <summary>A transition matrix (from-state rows × to-state columns; null cells suppressed) with progression incidence.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.TransitionTable")]
public sealed record TransitionTable(
    [property: Id(0)] string Group,
    [property: Id(1)] IReadOnlyList<string> States,
    [property: Id(2)] IReadOnlyList<IReadOnlyList<long?>> Counts,
    [property: Id(3)] long? AtRisk,
    [property: Id(4)] long? Progressions,
    [property: Id(5)] double PersonYears,
    [property: Id(6)] double? RatePer1000,
    [property: Id(7)] double? Lower,
    [property: Id(8)] double? Upper)
{
    /// <summary>Cells hidden only to protect a small cell in their row or column (not small themselves), by row and column.</summary>
    [Id(9)] public IReadOnlyList<IReadOnlyList<bool>>? Complement { get; init; }

    /// <summary>Progression out of each starting state, raw and confirmed, with regressions and interval-censored person-time.</summary>
    [Id(10)] public IReadOnlyList<ProgressionRow>? FromStates { get; init; }
}
