namespace Cohort.Contracts.Phenotypes;

/// <summary>A cluster as released: sizes suppressed below the threshold, and the centroid withheld when its training size is small.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeClusterView")]
public sealed record PhenotypeClusterView
{
    [Id(0)] public required int Number { get; init; }
    [Id(1)] public required string Label { get; init; }
    [Id(2)] public required long? Assigned { get; init; }
    [Id(3)] public required long? TrainingSize { get; init; }
    /// <summary>Bootstrap Jaccard; null when no resample drew a member of the cluster.</summary>
    [Id(4)] public required double? Stability { get; init; }
    [Id(5)] public required bool Stable { get; init; }
    /// <summary>Tissue scores; null for a numbered cluster (its features map to no tissue).</summary>
    [Id(6)] public required double? Hepatic { get; init; }
    [Id(7)] public required double? Muscle { get; init; }
    [Id(8)] public required double? Adipose { get; init; }
    [Id(9)] public required IReadOnlyList<double>? Centroid { get; init; }
    [Id(10)] public required string Rationale { get; init; }
    /// <summary>Whose cluster in a sex-specific model: "women", "men", or "all".</summary>
    [Id(11)] public string Sex { get; init; } = "all";
    /// <summary>Mixtures: participants now whose membership probability is below the uncertainty level, as released.</summary>
    [Id(12)] public long? Uncertain { get; init; }
}
