
namespace Cohort.Contracts.Phenotypes;

/// <summary>The evidence for one candidate k, on the selection sample.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeKCandidate")]
public sealed record PhenotypeKCandidate(
    [property: Id(0)] int K,
    [property: Id(1)] double Silhouette,
    [property: Id(2)] double[] Jaccard,
    [property: Id(3)] int[] Sizes,
    [property: Id(4)] bool AllStable)
{
    /// <summary>0 for a pooled fit; 1 women's and 2 men's fit of a sex-specific model.</summary>
    [Id(5)] public byte Sex { get; init; }
}
