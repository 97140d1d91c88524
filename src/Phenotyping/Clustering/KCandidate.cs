using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Clustering;

/// <summary>The evidence for one candidate k: mean silhouette and each cluster's bootstrap Jaccard, on the selection sample.</summary>
public sealed record KCandidate(int K, double Silhouette, double[] Jaccard, int[] Sizes)
{
    public double MinimumJaccard => Jaccard.Min();
    public bool AllStable => Jaccard.All(j => j >= BootstrapJaccard.Stable);
}
