
namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// One cluster of a model: its number (1…k), label (phenotype code and ordinal), centroid in oriented z units (one value per feature),
/// tissue scores, the rule that labelled it, how many training participants it holds and its bootstrap Jaccard stability.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeCluster")]
public sealed record PhenotypeCluster(
    [property: Id(0)] int Number,
    [property: Id(1)] string Label,
    [property: Id(2)] byte Phenotype,
    [property: Id(3)] float[] Centroid,
    [property: Id(4)] double Hepatic,
    [property: Id(5)] double Muscle,
    [property: Id(6)] double Adipose,
    [property: Id(7)] string Rationale,
    [property: Id(8)] long TrainingSize,
    [property: Id(9)] double Stability,
    [property: Id(10)] bool Stable);
