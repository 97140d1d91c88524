using Cohort.Domain.Phenotypes;
using Cohort.Phenotyping.Clustering;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Mixtures;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// Assigns participants with a stored model: raw features → oriented sex-standardised z with the stored scaler → coverage by the
/// missing-feature policy → a cluster. k-means takes the nearest stored centroid (over the features present for a reduced set); a
/// mixture takes the most probable component (under the marginal of the features present) and reports its membership probability. A
/// sex-specific model (<paramref name="clusterSex"/>: each cluster's sex, 1 female, 2 male) considers only the clusters of the
/// participant's recorded sex and cannot assign someone whose sex is not recorded. The same code assigns the training participants,
/// so a participant's assignment does not depend on whether they were in the fit.
/// </summary>
public sealed class PhenotypeAssigner(FeatureScaler scaler, float[][] centroids, IReadOnlyList<Phenotype> labels, MissingFeaturePolicy policy,
    GaussianMixture? mixture = null, byte[]? clusterSex = null)
{
    public IReadOnlyList<PhenotypeFeature> Features => scaler.Features;
    public int K => centroids.Length;
    public GaussianMixture? Mixture => mixture;

    public PhenotypeAssignment Assign(ReadOnlySpan<float> raw, byte sex)
    {
        Span<double> posteriors = stackalloc double[centroids.Length];
        return Assign(raw, sex, posteriors);
    }

    /// <summary>Assigns a participant and writes their membership probabilities (zeros for k-means or when not assigned).</summary>
    public PhenotypeAssignment Assign(ReadOnlySpan<float> raw, byte sex, Span<double> posteriors)
    {
        Span<float> z = stackalloc float[scaler.Features.Count];
        scaler.Scale(raw, sex, z);
        return AssignScaled(z, sex, posteriors);
    }

    /// <summary>
    /// Assigns an already-scaled point (oriented z units); <paramref name="posteriors"/> may be empty when the probabilities are not
    /// wanted.
    /// </summary>
    public PhenotypeAssignment AssignScaled(ReadOnlySpan<float> z, byte sex, Span<double> posteriors)
    {
        posteriors.Clear();
        var coverage = policy.Classify(z, scaler.Features);
        if (coverage is FeatureCoverage.Unclassifiable or FeatureCoverage.NoFeatureVisit) return PhenotypeAssignment.None(coverage);
        Span<bool> allowed = stackalloc bool[centroids.Length];
        var any = false;
        for (var c = 0; c < allowed.Length; c++) any |= allowed[c] = clusterSex is null || clusterSex[c] == sex;
        if (!any) return PhenotypeAssignment.None(FeatureCoverage.Unclassifiable);
        var (cluster, distance, margin) = KMeansFit.Nearest(centroids, z, allowed);
        if (mixture is null) return new PhenotypeAssignment(coverage, cluster, labels[cluster], (float)distance, (float)margin);
        Span<double> x = stackalloc double[z.Length];
        for (var j = 0; j < z.Length; j++) x[j] = z[j];
        if (posteriors.Length < centroids.Length) posteriors = new double[centroids.Length];
        mixture.Posteriors(x, posteriors, allowed);
        var best = 0;
        for (var c = 1; c < posteriors.Length; c++) if (posteriors[c] > posteriors[best]) best = c;
        Span<bool> only = stackalloc bool[centroids.Length];
        only[best] = true;
        var (_, own, _) = KMeansFit.Nearest(centroids, z, only);
        return new PhenotypeAssignment(coverage, best, labels[best], (float)own, (float)margin, (float)posteriors[best]);
    }
}
