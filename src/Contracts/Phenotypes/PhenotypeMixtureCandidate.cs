namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// The evidence for one mixture family and k on the selection sample (mclust's criteria: BIC = 2 logL − ν ln n and ICL, larger is
/// better), the share of the smallest cluster, the normalised entropy and the mean top membership probability; <see cref="Fitted"/> is
/// false when the covariance became singular. <see cref="Sex"/>: 0 for a pooled fit, 1 women's and 2 men's fit of a sex-specific model.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeMixtureCandidate")]
public sealed record PhenotypeMixtureCandidate(
    [property: Id(0)] string Family,
    [property: Id(1)] int K,
    [property: Id(2)] bool Fitted,
    [property: Id(3)] double LogLikelihood,
    [property: Id(4)] double Bic,
    [property: Id(5)] double Icl,
    [property: Id(6)] double SmallestShare,
    [property: Id(7)] double Entropy,
    [property: Id(8)] double MeanTopProbability,
    [property: Id(9)] byte Sex,
    [property: Id(10)] bool Chosen);
