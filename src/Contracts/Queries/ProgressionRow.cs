namespace Cohort.Contracts.Queries;

/// <summary>
/// Progression out of one starting state between two visits. <see cref="Confirmed"/> progressions are those the next visit repeats,
/// or whose driving marker changed beyond its minimum detectable change, or that a new diagnosis records; the confirmed rate puts
/// each at the midpoint of its interval (interval-censored person-time) and counts unconfirmed moves as not having happened. The raw
/// rate counts every move, also at the midpoint. Regressions (moves to a better state) are shown as such: most are noise.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ProgressionRow")]
public sealed record ProgressionRow
{
    [Id(0)] public required string State { get; init; }
    [Id(1)] public required long? AtRisk { get; init; }
    [Id(2)] public required long? Progressions { get; init; }
    [Id(3)] public required long? Confirmed { get; init; }
    [Id(4)] public required long? Regressions { get; init; }
    [Id(5)] public required long? ConfirmedRegressions { get; init; }
    [Id(6)] public required double PersonYears { get; init; }
    [Id(7)] public required double? RatePer1000 { get; init; }
    [Id(8)] public required double? Lower { get; init; }
    [Id(9)] public required double? Upper { get; init; }
    [Id(10)] public required double? RawRatePer1000 { get; init; }
}
