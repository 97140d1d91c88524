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
public sealed record PhenotypeModel(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset FittedAt,
    [property: Id(2)] string DataVersion,
    [property: Id(3)] VisitChoice Visit,
    [property: Id(4)] PhenotypeFeatureInfo[] Features,
    [property: Id(5)] string[] Dropped,
    [property: Id(6)] float[][] Means,
    [property: Id(7)] float[][] Sds,
    [property: Id(8)] PhenotypeCluster[] Clusters,
    [property: Id(9)] PhenotypeKCandidate[] Candidates,
    [property: Id(10)] string KReason,
    [property: Id(11)] double Silhouette,
    [property: Id(12)] long[] Coverage,
    [property: Id(13)] int Seed,
    [property: Id(14)] PhenotypePolicy Policy,
    [property: Id(15)] double FitSeconds,
    [property: Id(16)] long TrainingParticipants,
    [property: Id(17)] double AllocatedMegabytes,
    [property: Id(18)] string Timing = "")
{
    public int K => Clusters.Length;
}
