namespace Cohort.Contracts.Queries;

/// <summary>A shard's participants per stratum label and phenotype ordinal (Cohort.Domain.Phenotypes.Phenotype; index = ordinal).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StrataPhenotypeCounts")]
public sealed record StrataPhenotypeCounts(
    [property: Id(0)] IReadOnlyDictionary<string, long[]> Strata,
    [property: Id(1)] long WithoutVisit)
{
    /// <summary>Cell key sums (mod 2³²) of each cell, as <see cref="Strata"/> (cell key method; never released).</summary>
    [Id(2)] public IReadOnlyDictionary<string, uint[]>? Keys { get; init; }

    /// <summary>Cell key sum (mod 2³²) of the participants without the visit.</summary>
    [Id(3)] public uint WithoutVisitKey { get; init; }
}
