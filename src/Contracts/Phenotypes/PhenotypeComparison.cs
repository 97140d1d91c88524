
namespace Cohort.Contracts.Phenotypes;

/// <summary>Two model versions compared on the participants both assign: ARI and the contingency table (rows a, columns b).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeComparison")]
public sealed record PhenotypeComparison(
    [property: Id(0)] int VersionA,
    [property: Id(1)] int VersionB,
    [property: Id(2)] double AdjustedRandIndex,
    [property: Id(3)] long Participants,
    [property: Id(4)] long[] Contingency,
    [property: Id(5)] int Rows,
    [property: Id(6)] int Columns,
    [property: Id(7)] int SuppressionThreshold);
