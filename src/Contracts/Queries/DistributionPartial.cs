namespace Cohort.Contracts.Queries;

/// <summary>
/// A shard's part of a distribution: counts, sums and a mergeable log-bucket quantile sketch (relative accuracy stated by
/// <see cref="Gamma"/>; positive buckets, zeros, and negative values' buckets by magnitude). The observed range is used only to place histogram bins and is never released.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.DistributionPartial")]
public sealed record DistributionPartial
{
    [Id(0)] public required long N { get; init; }
    [Id(1)] public required long Missing { get; init; }
    [Id(2)] public required double Sum { get; init; }
    [Id(3)] public required double SumOfSquares { get; init; }
    [Id(4)] public required double Min { get; init; }
    [Id(5)] public required double Max { get; init; }
    [Id(6)] public required double Gamma { get; init; }
    [Id(7)] public required int SketchOffset { get; init; }
    [Id(8)] public required long[] SketchCounts { get; init; }
    [Id(9)] public required long Zeros { get; init; }
    [Id(10)] public int NegativeOffset { get; init; } = 0;
    [Id(11)] public long[]? NegativeCounts { get; init; }

    /// <summary>The cell key sums (mod 2³²) of the records with a value and of those without (cell key method; never released).</summary>
    [Id(12)] public uint Key { get; init; }
    [Id(13)] public uint MissingKey { get; init; }
}
