namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// How clearly the training participants belong to their clusters under a mixture: the mean top membership probability, the normalised
/// entropy (1 = everyone certain, 0 = everyone equally likely anywhere), and how many are uncertain (top probability below
/// <see cref="UncertainBelow"/>) out of <see cref="N"/>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeMembership")]
public sealed record PhenotypeMembership(
    [property: Id(0)] double MeanTopProbability,
    [property: Id(1)] double Entropy,
    [property: Id(2)] long Uncertain,
    [property: Id(3)] long N,
    [property: Id(4)] double UncertainBelow);
