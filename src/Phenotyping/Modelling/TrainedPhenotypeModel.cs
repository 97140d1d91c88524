using Cohort.Phenotyping.Clustering;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Labelling;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// A fitted phenotype model and its evidence: the features kept (and dropped, with why), the scaler, the centroids in oriented z
/// units with their labels, the k-selection table, the validation of the final clusters (silhouette, bootstrap Jaccard per
/// cluster) and how many participants were clustered, reduced or unclassifiable. Clusters are ordered by label, then by size.
/// <see cref="TrainingClusters"/> gives, per row of the feature table, the cluster k-means put a training row in (−1 for rows that did
/// not train).
/// </summary>
public sealed record TrainedPhenotypeModel(
    IReadOnlyList<PhenotypeFeature> Features,
    IReadOnlyList<string> Dropped,
    FeatureScaler Scaler,
    float[][] Centroids,
    ClusterLabel[] Labels,
    long[] TrainingSizes,
    IReadOnlyList<KCandidate> Candidates,
    string KReason,
    double Silhouette,
    double[] Jaccard,
    long[] Coverage,
    int Seed,
    MissingFeaturePolicy Policy,
    int[] TrainingClusters,
    string Timing)
{
    public int K => Centroids.Length;

    public PhenotypeAssigner Assigner() => new(Scaler, Centroids, Labels.Select(l => l.Phenotype).ToArray(), Policy);
}
