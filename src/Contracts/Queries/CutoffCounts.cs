namespace Cohort.Contracts.Queries;

/// <summary>
/// A shard's counts under each of a list of registry cut-offs, per stratum: <see cref="Defined"/> visits with HOMA-IR known;
/// <see cref="Applicable"/> those the cut-off applies to and can decide (its denominator); <see cref="AtOrAbove"/> its cases.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CutoffCounts")]
public sealed record CutoffCounts(
    [property: Id(0)] IReadOnlyDictionary<string, long> Defined,
    [property: Id(1)] IReadOnlyDictionary<string, long[]> AtOrAbove,
    [property: Id(2)] long WithoutVisit,
    [property: Id(3)] IReadOnlyDictionary<string, long[]> Applicable)
{
    /// <summary>Cell key sums (mod 2³²): of the visits with HOMA-IR, and per cut-off of those it counts and of its cases.</summary>
    [Id(4)] public IReadOnlyDictionary<string, uint>? DefinedKeys { get; init; }
    [Id(5)] public IReadOnlyDictionary<string, uint[]>? ApplicableKeys { get; init; }
    [Id(6)] public IReadOnlyDictionary<string, uint[]>? AtOrAboveKeys { get; init; }
}
