namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StratifiedDistribution")]
public sealed record StratifiedDistribution
{
    [Id(0)] public required string Metric { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Unit { get; init; }
    [Id(3)] public required string Visit { get; init; }
    [Id(4)] public required string StrataBy { get; init; }
    [Id(5)] public required StratumDistribution Total { get; init; }
    [Id(6)] public required IReadOnlyList<StratumDistribution> Strata { get; init; }
    [Id(7)] public required bool LogBins { get; init; }
    [Id(8)] public required IReadOnlyList<CaveatView> Caveats { get; init; }
    [Id(9)] public required long? WithoutVisit { get; init; }
    [Id(10)] public required Provenance Provenance { get; init; }

    /// <summary>"exact" (epidemiologists) or how the numbers were perturbed (the cell key method, for anonymous and analyst views).</summary>
    [Id(11)] public string Disclosure { get; init; } = "exact";
}
