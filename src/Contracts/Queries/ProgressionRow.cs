namespace Cohort.Contracts.Queries;

/// <summary>
/// Progression out of one starting state between two visits. <see cref="Confirmed"/> progressions are those the next visit repeats,
/// or whose driving marker changed beyond its minimum detectable change, or that a new diagnosis records; the confirmed rate puts
/// each at the midpoint of its interval (interval-censored person-time) and counts unconfirmed moves as not having happened. The raw
/// rate counts every move, also at the midpoint. Regressions (moves to a better state) are shown as such: most are noise.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ProgressionRow")]
public sealed record ProgressionRow(
    [property: Id(0)] string State,
    [property: Id(1)] long? AtRisk,
    [property: Id(2)] long? Progressions,
    [property: Id(3)] long? Confirmed,
    [property: Id(4)] long? Regressions,
    [property: Id(5)] long? ConfirmedRegressions,
    [property: Id(6)] double PersonYears,
    [property: Id(7)] double? RatePer1000,
    [property: Id(8)] double? Lower,
    [property: Id(9)] double? Upper,
    [property: Id(10)] double? RawRatePer1000);
