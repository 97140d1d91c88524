using Cohort.Contracts.Queries;

namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// A versioned phenotype model: what it was trained on (data version, visit, features, dropped features, seed), the scaler (oriented
/// log/z transform: means and SDs per sex group — 0 pooled for unknown sex, 1 female, 2 male), the labelled clusters, how k was
/// chosen, validation (mean silhouette, per-cluster Jaccard), coverage counts at fit time (Cohort.Phenotyping.Features.FeatureCoverage
/// order: no feature visit, clustered, reduced, unclassifiable), how long the fit took and how much the training allocated (the
/// whole process's allocations during it). Ids never change.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeModel")]
public sealed record PhenotypeModel
{
    [Id(0)] public required int Version { get; init; }
    [Id(1)] public required DateTimeOffset FittedAt { get; init; }
    [Id(2)] public required string DataVersion { get; init; }
    [Id(3)] public required VisitChoice Visit { get; init; }
    [Id(4)] public required PhenotypeFeatureInfo[] Features { get; init; }
    [Id(5)] public required string[] Dropped { get; init; }
    [Id(6)] public required float[][] Means { get; init; }
    [Id(7)] public required float[][] Sds { get; init; }
    [Id(8)] public required PhenotypeCluster[] Clusters { get; init; }
    [Id(9)] public required PhenotypeKCandidate[] Candidates { get; init; }
    [Id(10)] public required string KReason { get; init; }
    [Id(11)] public required double Silhouette { get; init; }
    [Id(12)] public required long[] Coverage { get; init; }
    [Id(13)] public required int Seed { get; init; }
    [Id(14)] public required PhenotypePolicy Policy { get; init; }
    [Id(15)] public required double FitSeconds { get; init; }
    [Id(16)] public required long TrainingParticipants { get; init; }
    [Id(17)] public required double AllocatedMegabytes { get; init; }
    [Id(18)] public string Timing { get; init; } = "";

    public int K => Clusters.Length;
}
