
namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// A model with its current assignment counts (from the shards) for the API and the dashboard, and the cohort's small-cell
/// threshold, below which those counts must not be released.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeModelView")]
public sealed record PhenotypeModelView(
    [property: Id(0)] PhenotypeModel Model,
    [property: Id(1)] bool Current,
    [property: Id(2)] PhenotypeAssignmentCounts? Assigned,
    [property: Id(3)] int SuppressionThreshold)
{
    /// <summary>ARI between the clusters and the HIRI/MISI tertile phenotypes (null without a tissue rule).</summary>
    [Id(4)] public double? RuleAgreement { get; init; }
}
