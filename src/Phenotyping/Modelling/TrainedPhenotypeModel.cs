using Cohort.Phenotyping.Clustering;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Labelling;
using Cohort.Phenotyping.Mixtures;
using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// A fitted phenotype model and its evidence: the method, the features kept (and dropped, with why), the scaler, the cluster centres in
/// oriented z units with their labels (and for a mixture its components), the selection table (k-means: silhouette and Jaccard per k;
/// mixture: BIC, ICL, smallest share and entropy per family and k), the validation of the final clusters (silhouette, bootstrap Jaccard
/// per cluster), how clearly participants belong (mixtures), the continuum test, and how many participants were clustered, reduced or
/// unclassifiable. Clusters are ordered by label, then by size; a sex-specific model lists women's clusters, then men's
/// (<see cref="ClusterSex"/>). <see cref="TrainingClusters"/> gives, per row of the feature table, the cluster of a training row (−1 for
/// rows that did not train).
/// </summary>
public sealed record TrainedPhenotypeModel
{
    public ClusteringMethod Method { get; init; }
    public required IReadOnlyList<PhenotypeFeature> Features { get; init; }
    public required IReadOnlyList<string> Dropped { get; init; }
    public required FeatureScaler Scaler { get; init; }
    public required float[][] Centroids { get; init; }
    public GaussianMixture? Mixture { get; init; }
    /// <summary>Each cluster's sex (1 female, 2 male) in a sex-specific model; null for a pooled one.</summary>
    public byte[]? ClusterSex { get; init; }
    public required ClusterLabel[] Labels { get; init; }
    public required long[] TrainingSizes { get; init; }
    public required IReadOnlyList<KCandidate> Candidates { get; init; }
    public IReadOnlyList<MixtureCandidate> MixtureCandidates { get; init; } = [];
    public required string KReason { get; init; }
    public required double Silhouette { get; init; }
    public required double[] Jaccard { get; init; }
    public required long[] Coverage { get; init; }
    public required int Seed { get; init; }
    public required MissingFeaturePolicy Policy { get; init; }
    public required int[] TrainingClusters { get; init; }
    public Membership? Membership { get; init; }
    public required ContinuumEvidence Continuum { get; init; }
    /// <summary>Sex-specific models: ARI between the pooled model's and the sex-specific model's clusters, among women and among men.</summary>
    public (double Women, double Men)? PooledAgreement { get; init; }
    /// <summary>Sex-specific models: each sex's own fit (women, men), for their evidence tables.</summary>
    public IReadOnlyList<TrainedPhenotypeModel> BySex { get; init; } = [];
    public required string Timing { get; init; }

    public int K => Centroids.Length;

    public PhenotypeAssigner Assigner() => new(Scaler, Centroids, Labels.Select(l => l.Phenotype).ToArray(), Policy, Mixture, ClusterSex);
}
