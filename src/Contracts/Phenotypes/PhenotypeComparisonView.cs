namespace Cohort.Contracts.Phenotypes;

/// <summary>Two versions compared: ARI over the participants both assign, and the contingency table (rows: clusters of a), suppressed.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeComparisonView")]
public sealed record PhenotypeComparisonView(
    [property: Id(0)] int VersionA,
    [property: Id(1)] int VersionB,
    [property: Id(2)] double? AdjustedRandIndex,
    [property: Id(3)] long? Participants,
    [property: Id(4)] IReadOnlyList<IReadOnlyList<long?>> Contingency);
