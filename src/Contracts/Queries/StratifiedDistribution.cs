namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StratifiedDistribution")]
public sealed record StratifiedDistribution(
    [property: Id(0)] string Metric,
    [property: Id(1)] string Name,
    [property: Id(2)] string Unit,
    [property: Id(3)] string Visit,
    [property: Id(4)] string StrataBy,
    [property: Id(5)] StratumDistribution Total,
    [property: Id(6)] IReadOnlyList<StratumDistribution> Strata,
    [property: Id(7)] bool LogBins,
    [property: Id(8)] IReadOnlyList<CaveatView> Caveats,
    [property: Id(9)] long? WithoutVisit,
    [property: Id(10)] Provenance Provenance)
{
    /// <summary>"exact" (epidemiologists) or how the numbers were perturbed (the cell key method, for anonymous and analyst views).</summary>
    [Id(11)] public string Disclosure { get; init; } = "exact";
}
