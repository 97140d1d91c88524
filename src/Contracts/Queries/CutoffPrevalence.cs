namespace Cohort.Contracts.Queries;

/// <summary>
/// Insulin resistance under one registry cut-off in the filtered cohort, with provenance and applicability: the denominator
/// (<see cref="Total"/>) is the visits the cut-off applies to (its sex, ages, outside the diabetes range when derived without
/// diabetes, its glucose ceiling) and can decide.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CutoffPrevalence")]
public sealed record CutoffPrevalence
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required double Value { get; init; }
    [Id(2)] public required string Population { get; init; }
    [Id(3)] public required string AgeGroup { get; init; }
    [Id(4)] public required string? Sex { get; init; }
    [Id(5)] public required string Derivation { get; init; }
    [Id(6)] public required string Citation { get; init; }
    [Id(7)] public required string Applies { get; init; }
    [Id(8)] public required IReadOnlyList<string> ApplicabilityReasons { get; init; }
    [Id(9)] public required long? Cases { get; init; }
    [Id(10)] public required long? Total { get; init; }
    [Id(11)] public required double? Proportion { get; init; }
    [Id(12)] public required double? Lower { get; init; }
    [Id(13)] public required double? Upper { get; init; }

    /// <summary>The conditions applied per visit (the rule, sex, ages, outside the diabetes range, a glucose ceiling).</summary>
    [Id(14)] public IReadOnlyList<string> AppliedConditions { get; init; } = [];

    /// <summary>What the source restricts that could not be checked, or does not say.</summary>
    [Id(15)] public IReadOnlyList<string> UncheckedConditions { get; init; } = [];

    /// <summary>Visits with HOMA-IR known that the cut-off does not apply to or cannot decide (outside its conditions); suppressed when small.</summary>
    [Id(16)] public long? NotCounted { get; init; }
}
