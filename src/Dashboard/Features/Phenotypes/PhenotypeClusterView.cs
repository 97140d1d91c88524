namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>A cluster as released: sizes suppressed below the threshold, and the centroid withheld when its training size is small.</summary>
public sealed record PhenotypeClusterView
{
    public required int Number { get; init; }
    public required string Label { get; init; }
    public required long? Assigned { get; init; }
    public required long? TrainingSize { get; init; }
    /// <summary>Bootstrap Jaccard; null when no resample drew a member of the cluster.</summary>
    public required double? Stability { get; init; }
    public required bool Stable { get; init; }
    /// <summary>Tissue scores; null for a numbered cluster (its features map to no tissue).</summary>
    public required double? Hepatic { get; init; }
    public required double? Muscle { get; init; }
    public required double? Adipose { get; init; }
    public required IReadOnlyList<double>? Centroid { get; init; }
    public required string Rationale { get; init; }
    /// <summary>Whose cluster in a sex-specific model: "women", "men", or "all".</summary>
    public string Sex { get; init; } = "all";
    /// <summary>Mixtures: participants now whose membership probability is below the uncertainty level, as released.</summary>
    public long? Uncertain { get; init; }
}
