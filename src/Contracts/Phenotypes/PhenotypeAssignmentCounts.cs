
namespace Cohort.Contracts.Phenotypes;

/// <summary>Counts under the shard's current model: participants per cluster (index = number − 1) and per coverage.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeAssignmentCounts")]
public sealed record PhenotypeAssignmentCounts(
    [property: Id(0)] int Version,
    [property: Id(1)] long[] PerCluster,
    [property: Id(2)] long[] Coverage)
{
    /// <summary>Mixtures: participants per cluster whose membership probability is below the model's uncertainty level (null for k-means).</summary>
    [Id(3)] public long[]? Uncertain { get; init; }
    /// <summary>
    /// Participants per cluster and rule-based tissue phenotype (Cohort.Domain.Phenotypes.TissueRulePhenotype ordinal), row-major
    /// k × 5; null when the model has no tissue rule.
    /// </summary>
    [Id(4)] public long[]? RuleByCluster { get; init; }
}
