namespace Cohort.Contracts.Phenotypes;

/// <summary>One candidate k of a k-means fit (for a sex-specific model, of women's or men's fit: <see cref="Sex"/>).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeCandidateView")]
public sealed record PhenotypeCandidateView(
    [property: Id(0)] int K,
    [property: Id(1)] double Silhouette,
    [property: Id(2)] double MinimumJaccard,
    [property: Id(3)] bool AllStable,
    [property: Id(4)] IReadOnlyList<double> Jaccard)
{
    [Id(5)] public string Sex { get; init; } = "all";
}
