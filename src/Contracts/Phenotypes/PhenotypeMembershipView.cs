namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// How clearly training participants belong (mixtures), as released: the uncertain count only when neither it nor the certain count is
/// below the threshold, and the number of training participants only when it is not small.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeMembershipView")]
public sealed record PhenotypeMembershipView(
    [property: Id(0)] double MeanTopProbability,
    [property: Id(1)] double Entropy,
    [property: Id(2)] long? Uncertain,
    [property: Id(3)] long? N,
    [property: Id(4)] double UncertainBelow);
