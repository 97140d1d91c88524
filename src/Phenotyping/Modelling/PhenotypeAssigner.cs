using Cohort.Domain.Phenotypes;
using Cohort.Phenotyping.Clustering;
using Cohort.Phenotyping.Features;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// Assigns participants with a stored model: raw features → oriented sex-standardised z with the stored scaler → coverage by the
/// missing-feature policy → nearest stored centroid (over the features present for a reduced set). The same code assigns the training
/// participants, so a participant's assignment does not depend on whether they were in the fit.
/// </summary>
public sealed class PhenotypeAssigner(FeatureScaler scaler, float[][] centroids, IReadOnlyList<Phenotype> labels, MissingFeaturePolicy policy)
{
    public IReadOnlyList<PhenotypeFeature> Features => scaler.Features;

    public PhenotypeAssignment Assign(ReadOnlySpan<float> raw, byte sex)
    {
        Span<float> z = stackalloc float[scaler.Features.Count];
        scaler.Scale(raw, sex, z);
        var coverage = policy.Classify(z, scaler.Features);
        if (coverage is FeatureCoverage.Unclassifiable or FeatureCoverage.NoFeatureVisit) return PhenotypeAssignment.None(coverage);
        var (cluster, distance, margin) = KMeansFit.Nearest(centroids, z);
        return new PhenotypeAssignment(coverage, cluster, labels[cluster], (float)distance, (float)margin);
    }
}
