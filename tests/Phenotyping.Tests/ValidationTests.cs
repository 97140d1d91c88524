using Cohort.Phenotyping.Clustering;
using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Tests;

/// <summary>Validation measures against values computed with R 4.2 (cluster::silhouette; the adjusted Rand index by its formula).</summary>
public sealed class ValidationTests
{
    [Fact]
    public void Adjusted_Rand_index_matches_R()
    {
        Assert.Equal(0.238095238095238, AdjustedRandIndex.Compute([1, 1, 1, 2, 2, 2, 3, 3], [1, 1, 2, 2, 2, 3, 3, 3]), 1e-12);
        Assert.Equal(1.0, AdjustedRandIndex.Compute([0, 0, 1, 1, 2], [5, 5, 7, 7, 9]), 1e-12);
    }

    [Fact]
    public void Silhouette_matches_R()
    {
        float[][] x = [[1, 1], [2, 1.2f], [1.5f, 0.8f], [8, 5], [9, 5.5f], [8.5f, 4.8f]];
        Assert.Equal(0.903054083069105, Silhouette.Mean(x, [0, 0, 0, 1, 1, 1]), 1e-6);
    }

    [Fact]
    public void KMeans_is_deterministic_and_separates_clear_clusters()
    {
        var rng = new Random(7);
        var points = Enumerable.Range(0, 300).Select(i => new[] { (float)(i % 3 * 10 + rng.NextDouble()), (float)(i % 3 * -5 + rng.NextDouble()) }).ToArray();
        var truth = Enumerable.Range(0, 300).Select(i => i % 3).ToArray();
        var a = KMeansFit.Fit(points, 3, seed: 1);
        var b = KMeansFit.Fit(points, 3, seed: 1);
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.Equal(a.Centroids.SelectMany(c => c), b.Centroids.SelectMany(c => c));
        Assert.Equal(1.0, AdjustedRandIndex.Compute(truth, a.Assignments), 1e-12);
        Assert.True(Silhouette.Mean(points, a.Assignments) > 0.9);
        var (cluster, distance, margin) = KMeansFit.Nearest(a.Centroids, points[0]);
        Assert.Equal(a.Assignments[0], cluster);
        Assert.True(margin > distance);
    }

    [Fact]
    public void Weighted_k_means_is_k_means_over_the_repeated_points()
    {
        // Lloyd's iterations over distinct points weighted by their repeats give the same sum of squares and partition as over the repeats.
        var rng = new Random(8);
        var points = Enumerable.Range(0, 300).Select(i => new[] { (float)(i % 3 * 6 + rng.NextDouble() * 4), (float)(rng.NextDouble() * 4) }).ToArray();
        var counts = points.Select(_ => (double)rng.Next(1, 4)).ToArray();
        var repeated = points.SelectMany((p, i) => Enumerable.Repeat(p, (int)counts[i])).ToArray();
        var weighted = LloydKMeans.Fit(points, 3, seed: 2, starts: 3, weights: counts);
        var plain = LloydKMeans.Fit(repeated, 3, seed: 2, starts: 3);
        Assert.Equal(plain.Inertia, weighted.Inertia, 1e-3);
        var expanded = Enumerable.Range(0, points.Length).SelectMany(i => Enumerable.Repeat(weighted.Assignments[i], (int)counts[i])).ToArray();
        Assert.Equal(1.0, AdjustedRandIndex.Compute(plain.Assignments, expanded), 1e-12);
    }

    [Fact]
    public void Jaccard_of_two_sets_is_the_intersection_over_the_union()
    {
        Assert.Equal(2.0 / 5, BootstrapJaccard.Jaccard([1, 2, 3, 4], [3, 4, 5]), 1e-12);
        Assert.Equal(1.0, BootstrapJaccard.Jaccard([7], [7]), 1e-12);
    }

    [Fact]
    public void Well_separated_clusters_are_stable_and_an_arbitrary_split_of_one_blob_is_not()
    {
        var rng = new Random(3);
        var separated = Enumerable.Range(0, 240).Select(i => new[] { (float)(i % 3 * 20 + rng.NextDouble()), (float)rng.NextDouble() }).ToArray();
        var fit = KMeansFit.Fit(separated, 3, seed: 1);
        var stability = BootstrapJaccard.Compute(separated, fit.Assignments, 3, (p, w, s) => LloydKMeans.Fit(p, 3, s, 3, w).Assignments);
        Assert.All(stability, j => Assert.True(j > 0.95, $"Jaccard {j}"));

        // One round blob cut into 5: the cuts move between resamples.
        var blob = Enumerable.Range(0, 240).Select(_ =>
        {
            var (r, t) = (Math.Sqrt(rng.NextDouble()), rng.NextDouble() * 2 * Math.PI);
            return new[] { (float)(r * Math.Cos(t)), (float)(r * Math.Sin(t)) };
        }).ToArray();
        var cut = KMeansFit.Fit(blob, 5, seed: 1);
        var weak = BootstrapJaccard.Compute(blob, cut.Assignments, 5, (p, w, s) => LloydKMeans.Fit(p, 5, s, 3, w).Assignments);
        Assert.True(weak.Average() < stability.Average(), $"blob {weak.Average():0.000} vs separated {stability.Average():0.000}");
    }
}
