using Cohort.Phenotyping.Clustering;
using Cohort.Phenotyping.Mixtures;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// What a method's phase of a fit hands back to the trainer: the centres (k-means centroids or mixture means), the mixture when there is
/// one, each final-sample point's cluster, the evidence behind the choice and the reason in words, how to refit the chosen model on a
/// bootstrap resample, and (mixtures) how far the chosen model's BIC exceeds the best one-component model's.
/// </summary>
internal sealed record PhaseFit(
    float[][] Centroids,
    GaussianMixture? Mixture,
    int[] FinalAssignments,
    IReadOnlyList<KCandidate> Candidates,
    IReadOnlyList<MixtureCandidate> MixtureCandidates,
    string Reason,
    Validation.Refit Refit,
    double? BicAdvantage)
{
    public int K => Centroids.Length;
}
