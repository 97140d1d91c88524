namespace Cohort.Contracts.Queries;

/// <summary>A shard's distribution of one metric, per stratum; <see cref="WithoutVisit"/> participants had no such visit.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StrataDistribution")]
public sealed record StrataDistribution(
    [property: Id(0)] IReadOnlyDictionary<string, DistributionPartial> Strata,
    [property: Id(1)] long WithoutVisit)
{
    /// <summary>Cell key sum (mod 2³²) of the participants without the visit (cell key method; never released).</summary>
    [Id(2)] public uint WithoutVisitKey { get; init; }
}
