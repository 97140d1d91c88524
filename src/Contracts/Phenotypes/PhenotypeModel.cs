using Cohort.Contracts.Queries;

namespace Cohort.Contracts.Phenotypes;

/// <summary>A clustering feature as the model stores it (see Cohort.Phenotyping.Features.PhenotypeFeature).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeFeatureInfo")]
public sealed record PhenotypeFeatureInfo(
    [property: Id(0)] string Metric,
    [property: Id(1)] string Tissue,
    [property: Id(2)] bool Log,
    [property: Id(3)] int Orientation,
    [property: Id(4)] string Why);

/// <summary>
/// One cluster of a model: its number (1…k), label (phenotype code and ordinal), centroid in oriented z units (one value per feature),
/// tissue scores, the rule that labelled it, how many training participants it holds and its bootstrap Jaccard stability.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeCluster")]
public sealed record PhenotypeCluster(
    [property: Id(0)] int Number,
    [property: Id(1)] string Label,
    [property: Id(2)] byte Phenotype,
    [property: Id(3)] float[] Centroid,
    [property: Id(4)] double Hepatic,
    [property: Id(5)] double Muscle,
    [property: Id(6)] double Adipose,
    [property: Id(7)] string Rationale,
    [property: Id(8)] long TrainingSize,
    [property: Id(9)] double Stability,
    [property: Id(10)] bool Stable);

/// <summary>The evidence for one candidate k, on the selection sample.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeKCandidate")]
public sealed record PhenotypeKCandidate(
    [property: Id(0)] int K,
    [property: Id(1)] double Silhouette,
    [property: Id(2)] double[] Jaccard,
    [property: Id(3)] int[] Sizes,
    [property: Id(4)] bool AllStable);

/// <summary>The missing-feature policy a model was fitted and assigns with.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypePolicy")]
public sealed record PhenotypePolicy(
    [property: Id(0)] double DropFeatureAbove,
    [property: Id(1)] int MinimumPerTissue,
    [property: Id(2)] int MaximumMissing,
    [property: Id(3)] string Description);

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

/// <summary>What `cohort phenotypes fit` and `POST /api/phenotypes/fit` ask for: the feature visit, a fixed k or a range, the seed.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeFitRequest")]
public sealed record PhenotypeFitRequest(
    [property: Id(0)] VisitChoice Visit,
    [property: Id(1)] int? K = null,
    [property: Id(2)] int Seed = 1,
    [property: Id(3)] int KMin = 2,
    [property: Id(4)] int KMax = 8);

/// <summary>One shard's feature rows for a fit: row-major raw values of the requested metrics, sex, may-train flags.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeFeatureBlock")]
public sealed record PhenotypeFeatureBlock(
    [property: Id(0)] int Count,
    [property: Id(1)] float[] Values,
    [property: Id(2)] byte[] Sex,
    [property: Id(3)] bool[] Trains,
    [property: Id(4)] long NoFeatureVisit);

/// <summary>Counts under the shard's current model: participants per cluster (index = number − 1) and per coverage.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeAssignmentCounts")]
public sealed record PhenotypeAssignmentCounts(
    [property: Id(0)] int Version,
    [property: Id(1)] long[] PerCluster,
    [property: Id(2)] long[] Coverage);

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
    [property: Id(3)] int SuppressionThreshold);

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
