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

    /// <summary>The preset the features came from, or "custom" for a study's own list (empty for models fitted before presets).</summary>
    [Id(19)] public string Preset { get; init; } = "";
    /// <summary>Who trained the model (Cohort.Phenotyping.Features.TrainingPopulation code); empty: outside-diabetes.</summary>
    [Id(20)] public string Population { get; init; } = "";
    /// <summary>
    /// Each feature's position in the shards' metric arrays (−1 for age), fixed at the fit so that a study marker resolves the same on
    /// every shard; null for models fitted before study features (their features are all Cohort's).
    /// </summary>
    [Id(21)] public int[]? Positions { get; init; }
    /// <summary>Who trained the model, in words (empty for models fitted before populations: those outside the diabetes range).</summary>
    [Id(22)] public string TrainedOn { get; init; } = "";
    /// <summary>"kmeans" or "gmm" (empty: k-means, for models fitted before mixtures).</summary>
    [Id(23)] public string Method { get; init; } = "";
    /// <summary>Mixtures: the chosen covariance family in mclust's name (for a sex-specific model, women's then men's: "VVV/EEE").</summary>
    [Id(24)] public string Family { get; init; } = "";
    /// <summary>Mixtures: every family and k tried, with BIC, ICL, smallest share and entropy.</summary>
    [Id(25)] public PhenotypeMixtureCandidate[] MixtureCandidates { get; init; } = [];
    /// <summary>Mixtures: how clearly the training participants belong; null for k-means.</summary>
    [Id(26)] public PhenotypeMembership? Membership { get; init; }
    /// <summary>The continuum test (one entry for a pooled model, women's and men's for a sex-specific one).</summary>
    [Id(27)] public PhenotypeContinuum[] Continuum { get; init; } = [];
    /// <summary>Women and men were fitted separately; each cluster's <see cref="PhenotypeCluster.Sex"/> says whose it is.</summary>
    [Id(28)] public bool BySex { get; init; }
    /// <summary>Sex-specific models: ARI between the pooled and sex-specific clusters among women and among men.</summary>
    [Id(29)] public double? PooledAgreementWomen { get; init; }
    [Id(30)] public double? PooledAgreementMen { get; init; }
    /// <summary>The HIRI/MISI tertile boundaries of the training population (null when too few had both indices).</summary>
    [Id(31)] public PhenotypeTissueRule? TissueRule { get; init; }
    /// <summary>Imported models: where from, and agreement with a refit on this cohort; null for models fitted here.</summary>
    [Id(32)] public PhenotypeTransfer? Transfer { get; init; }

    /// <summary>Clusters are labelled from tissue scores (every feature maps to a tissue), not numbered.</summary>
    public bool TissueLabelled => Features.All(f => f.Tissue != "none");

    public int K => Clusters.Length;

    public bool IsMixture => Method == "gmm";
}
