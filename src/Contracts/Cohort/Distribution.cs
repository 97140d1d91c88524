namespace Cohort.Contracts.Cohort;

public enum VisitSelector : byte { Baseline = 0, Latest = 1 }

/// <summary>
/// A shard's part of a distribution: counts, sums and a mergeable log-bucket quantile sketch (relative accuracy stated by
/// <see cref="Gamma"/>). The observed range is used only to place histogram bins and is never released.
/// </summary>
[GenerateSerializer, Immutable]
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
    [property: Id(9)] long NonPositive);

[GenerateSerializer, Immutable]
public sealed record HistogramBin([property: Id(0)] double From, [property: Id(1)] double To, [property: Id(2)] long Count);

/// <summary>The distribution of one metric over the cohort at one visit.</summary>
[GenerateSerializer, Immutable]
public sealed record DistributionResult(
    [property: Id(0)] string Metric,
    [property: Id(1)] string Name,
    [property: Id(2)] string Unit,
    [property: Id(3)] string Visit,
    [property: Id(4)] long N,
    [property: Id(5)] long Missing,
    [property: Id(6)] double? Mean,
    [property: Id(7)] double? Sd,
    [property: Id(8)] IReadOnlyDictionary<string, double> Percentiles,
    [property: Id(9)] IReadOnlyList<HistogramBin> Histogram,
    [property: Id(10)] bool LogBins,
    [property: Id(11)] IReadOnlyList<CaveatView> Caveats);

[GenerateSerializer, Immutable]
public sealed record CaveatView([property: Id(0)] string Id, [property: Id(1)] string Title, [property: Id(2)] string Text, [property: Id(3)] string Source);
