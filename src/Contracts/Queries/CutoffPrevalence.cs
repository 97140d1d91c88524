namespace Cohort.Contracts.Queries;

/// <summary>
/// Insulin resistance under one registry cut-off in the filtered cohort, with provenance and applicability: the denominator
/// (<see cref="Total"/>) is the visits the cut-off applies to (its sex, ages, outside the diabetes range when derived without
/// diabetes, its glucose ceiling) and can decide.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CutoffPrevalence")]
public sealed record CutoffPrevalence(
    [property: Id(0)] string Id,
    [property: Id(1)] double Value,
    [property: Id(2)] string Population,
    [property: Id(3)] string AgeGroup,
    [property: Id(4)] string? Sex,
    [property: Id(5)] string Derivation,
    [property: Id(6)] string Citation,
    [property: Id(7)] string Applies,
    [property: Id(8)] IReadOnlyList<string> ApplicabilityReasons,
    [property: Id(9)] long? Cases,
    [property: Id(10)] long? Total,
    [property: Id(11)] double? Proportion,
    [property: Id(12)] double? Lower,
    [property: Id(13)] double? Upper)
{
    /// <summary>The conditions applied per visit (the rule, sex, ages, outside the diabetes range, a glucose ceiling).</summary>
    [Id(14)] public IReadOnlyList<string> AppliedConditions { get; init; } = [];

    /// <summary>What the source restricts that could not be checked, or does not say.</summary>
    [Id(15)] public IReadOnlyList<string> UncheckedConditions { get; init; } = [];

    /// <summary>Visits with HOMA-IR known that the cut-off does not apply to or cannot decide (outside its conditions); suppressed when small.</summary>
    [Id(16)] public long? NotCounted { get; init; }
}
