
namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// One cluster of a model: its number (1…k), label (phenotype code and ordinal), centroid in oriented z units (one value per feature),
/// tissue scores, the rule that labelled it, how many training participants it holds and its bootstrap Jaccard stability.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeCluster")]
public sealed record PhenotypeCluster
{
    [Id(0)] public required int Number { get; init; }
    [Id(1)] public required string Label { get; init; }
    [Id(2)] public required byte Phenotype { get; init; }
    [Id(3)] public required float[] Centroid { get; init; }
    [Id(4)] public required double Hepatic { get; init; }
    [Id(5)] public required double Muscle { get; init; }
    [Id(6)] public required double Adipose { get; init; }
    [Id(7)] public required string Rationale { get; init; }
    [Id(8)] public required long TrainingSize { get; init; }
    [Id(9)] public required double Stability { get; init; }
    [Id(10)] public required bool Stable { get; init; }
}
