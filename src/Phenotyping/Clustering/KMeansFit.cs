using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Cohort.Phenotyping.Clustering;

/// <summary>A fitted k-means: centroids (k × features) and each training point's cluster (0-based).</summary>
public sealed record KMeansResult(int K, float[][] Centroids, int[] Assignments);

/// <summary>
/// k-means with ML.NET (k-means++ initialisation, Yinyang iterations), seeded and single-threaded so the same data give the same
/// model. Points are assigned to their nearest centroid (ties to the lower index), the same rule used for new participants.
/// </summary>
public static class KMeansFit
{
    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }

    public static KMeansResult Fit(IReadOnlyList<float[]> points, int k, int seed, int iterations = 200)
    {
        if (points.Count < k) throw new ArgumentException($"{points.Count} points cannot form {k} clusters");
        var dimensions = points[0].Length;
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        var data = ml.Data.LoadFromEnumerable(points.Select(p => new Row { Features = p }), schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Row.Features),
            NumberOfClusters = k,
            NumberOfThreads = 1,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = iterations,
            OptimizationTolerance = 1e-7f,
        });
        var model = trainer.Fit(data);
        VBuffer<float>[] buffers = default!;
        model.Model.GetClusterCentroids(ref buffers, out var found);
        var centroids = buffers.Take(found).Select(b => b.DenseValues().ToArray()).ToArray();
        return new KMeansResult(found, centroids, points.Select(p => Nearest(centroids, p).Cluster).ToArray());
    }

    /// <summary>The nearest centroid, its distance, and the margin to the second nearest (a small margin says "borderline").</summary>
    public static (int Cluster, double Distance, double Margin) Nearest(float[][] centroids, float[] point)
    {
        int best = -1;
        double first = double.PositiveInfinity, second = double.PositiveInfinity;
        for (var c = 0; c < centroids.Length; c++)
        {
            var d = Validation.Silhouette.Distance(centroids[c], point);
            if (d < first) { second = first; first = d; best = c; }
            else if (d < second) second = d;
        }
        return (best, first, second - first);
    }
}
