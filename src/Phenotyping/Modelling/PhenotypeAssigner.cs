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

    /// <summary>A participant's coverage under the model without assigning them (what a fit counts for everyone).</summary>
    public FeatureCoverage CoverageOf(ReadOnlySpan<float> raw, byte sex)
    {
        Span<float> z = stackalloc float[scaler.Features.Count];
        scaler.Scale(raw, sex, z);
        var coverage = policy.Classify(z, scaler.Features);
        if (coverage is FeatureCoverage.Unclassifiable or FeatureCoverage.NoFeatureVisit) return coverage;
        var present = false;
        foreach (var v in z) present |= !float.IsNaN(v);
        var any = clusterSex is null;
        if (clusterSex is not null) foreach (var s in clusterSex) any |= s == sex;
        return present && any ? coverage : FeatureCoverage.Unclassifiable;
    }

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
        var present = 0;
        foreach (var v in z) if (!float.IsNaN(v)) present++;
        if (present == 0) return PhenotypeAssignment.None(FeatureCoverage.Unclassifiable);
        Span<bool> allowed = stackalloc bool[centroids.Length];
        var any = false;
        for (var c = 0; c < allowed.Length; c++) any |= allowed[c] = clusterSex is null || clusterSex[c] == sex;
        if (!any) return PhenotypeAssignment.None(FeatureCoverage.Unclassifiable);
        var (cluster, distance, margin) = KMeansFit.Nearest(centroids, z, allowed);
        if (mixture is null) return new PhenotypeAssignment(coverage, cluster, labels[cluster], (float)distance, (float)margin);
        Span<double> x = stackalloc double[z.Length];
        for (var j = 0; j < z.Length; j++) x[j] = z[j];
        if (posteriors.Length < centroids.Length) posteriors = new double[centroids.Length];
        try
        {
            mixture.Posteriors(x, posteriors, allowed);
        }
        catch (SingularCovarianceException)
        {
            // The marginal over the features present is degenerate (possible only for a reduced feature set): not assigned.
            posteriors.Clear();
            return PhenotypeAssignment.None(FeatureCoverage.Unclassifiable);
        }
        var best = 0;
        for (var c = 1; c < posteriors.Length; c++) if (posteriors[c] > posteriors[best]) best = c;
        // Distance to the assigned component's centre, and margin: the nearest other allowed centre's distance minus it.
        double own = 0, other = double.PositiveInfinity;
        for (var c = 0; c < centroids.Length; c++)
        {
            if (!allowed[c]) continue;
            var d = KMeansFit.Distance(centroids[c], z);
            if (c == best) own = d;
            else other = Math.Min(other, d);
        }
        return new PhenotypeAssignment(coverage, best, labels[best], (float)own, double.IsInfinity(other) ? float.NaN : (float)(other - own), (float)posteriors[best]);
    }
}
