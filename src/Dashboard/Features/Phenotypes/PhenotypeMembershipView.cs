namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>
/// How clearly training participants belong (mixtures), as released: the uncertain count only when neither it nor the certain count is
/// below the threshold, and the number of training participants only when it is not small.
/// </summary>
public sealed record PhenotypeMembershipView(double MeanTopProbability, double Entropy, long? Uncertain, long? N, double UncertainBelow);
