
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
    /// <summary>Mixtures: the component's mixing proportion (within its sex for a sex-specific model); 0 for k-means.</summary>
    [Id(11)] public double Weight { get; init; }
    /// <summary>Mixtures: the component's covariance matrix in oriented z units, row-major features × features; null for k-means.</summary>
    [Id(12)] public double[]? Covariance { get; init; }
    /// <summary>The sex whose participants this cluster may hold in a sex-specific model (1 female, 2 male); 0 for a pooled model.</summary>
    [Id(13)] public byte Sex { get; init; }
}
