namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>One candidate k of a k-means fit (for a sex-specific model, of women's or men's fit: <see cref="Sex"/>).</summary>
public sealed record PhenotypeCandidateView(int K, double Silhouette, double MinimumJaccard, bool AllStable, IReadOnlyList<double> Jaccard)
{
    public string Sex { get; init; } = "all";
}
