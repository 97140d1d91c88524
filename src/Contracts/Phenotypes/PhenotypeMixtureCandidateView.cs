namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// One family and k of a mixture fit as released: criteria null when the covariance became singular, and the smallest cluster's share
/// of the selection sample in whole per cent ("&lt;1" below one), so that it cannot count a handful of sampled people.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeMixtureCandidateView")]
public sealed record PhenotypeMixtureCandidateView(
    [property: Id(0)] string Sex,
    [property: Id(1)] string Family,
    [property: Id(2)] int K,
    [property: Id(3)] bool Fitted,
    [property: Id(4)] double? Bic,
    [property: Id(5)] double? Icl,
    [property: Id(6)] string SmallestShare,
    [property: Id(7)] double? Entropy,
    [property: Id(8)] bool Chosen);
