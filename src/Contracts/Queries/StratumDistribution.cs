namespace Cohort.Contracts.Queries;

/// <summary>One stratum's distribution; everything is null and <see cref="Suppressed"/> true when its n may not be released.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StratumDistribution")]
public sealed record StratumDistribution(
    [property: Id(0)] string Stratum,
    [property: Id(1)] long? N,
    [property: Id(2)] long? Missing,
    [property: Id(3)] double? Mean,
    [property: Id(4)] double? Sd,
    [property: Id(5)] IReadOnlyDictionary<string, double>? Percentiles,
    [property: Id(6)] IReadOnlyList<ReleasedBin>? Histogram,
    [property: Id(7)] bool Suppressed)
{
    /// <summary>A released percentile ("p5" … "p95"), or null when it is withheld.</summary>
    public double? Percentile(string name) => Percentiles is { } p && p.TryGetValue(name, out var v) ? v : null;
}
