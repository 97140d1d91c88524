namespace Cohort.Contracts.Queries;

/// <summary>
/// A shard's part of a distribution: counts, sums and a mergeable log-bucket quantile sketch (relative accuracy stated by
/// <see cref="Gamma"/>; positive buckets, zeros, and negative values' buckets by magnitude). The observed range is used only to place histogram bins and is never released.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.DistributionPartial")]
public sealed record DistributionPartial(
    [property: Id(0)] long N,
    [property: Id(1)] long Missing,
    [property: Id(2)] double Sum,
    [property: Id(3)] double SumOfSquares,
    [property: Id(4)] double Min,
    [property: Id(5)] double Max,
    [property: Id(6)] double Gamma,
    [property: Id(7)] int SketchOffset,
    [property: Id(8)] long[] SketchCounts,
    [property: Id(9)] long Zeros,
    [property: Id(10)] int NegativeOffset = 0,
    [property: Id(11)] long[]? NegativeCounts = null)
{
    /// <summary>The cell key sums (mod 2³²) of the records with a value and of those without (cell key method; never released).</summary>
    [Id(12)] public uint Key { get; init; }
    [Id(13)] public uint MissingKey { get; init; }
}
