namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>
/// One family and k of a mixture fit as released: criteria null when the covariance became singular, and the smallest cluster's share
/// of the selection sample in whole per cent ("&lt;1" below one), so that it cannot count a handful of sampled people.
/// </summary>
public sealed record PhenotypeMixtureCandidateView(string Sex, string Family, int K, bool Fitted, double? Bic, double? Icl, string SmallestShare,
    double? Entropy, bool Chosen);
