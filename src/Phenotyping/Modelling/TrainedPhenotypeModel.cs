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
public sealed record TrainedPhenotypeModel
{
    public required IReadOnlyList<PhenotypeFeature> Features { get; init; }
    public required IReadOnlyList<string> Dropped { get; init; }
    public required FeatureScaler Scaler { get; init; }
    public required float[][] Centroids { get; init; }
    public required ClusterLabel[] Labels { get; init; }
    public required long[] TrainingSizes { get; init; }
    public required IReadOnlyList<KCandidate> Candidates { get; init; }
    public required string KReason { get; init; }
    public required double Silhouette { get; init; }
    public required double[] Jaccard { get; init; }
    public required long[] Coverage { get; init; }
    public required int Seed { get; init; }
    public required MissingFeaturePolicy Policy { get; init; }
    public required int[] TrainingClusters { get; init; }
    public required string Timing { get; init; }

    public int K => Centroids.Length;

    public PhenotypeAssigner Assigner() => new(Scaler, Centroids, Labels.Select(l => l.Phenotype).ToArray(), Policy);
}
