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
}
