using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Cohort.Phenotyping.Clustering;

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

    /// <summary>
    /// The best of <paramref name="starts"/> seeded runs (seed, seed + 1, …) by within-cluster sum of squares: a single k-means++ start
    /// can settle in a poor local optimum, which would make the same data look unstable.
    /// </summary>
    public static KMeansResult FitBest(IReadOnlyList<float[]> points, int k, int seed, int starts, int iterations = 200)
    {
        var fits = new (KMeansResult Fit, double Inertia)[starts];
        Parallel.For(0, starts, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, s =>
        {
            var fit = Fit(points, k, seed + s, iterations);
            fits[s] = (fit, Inertia(points, fit));
        });
        // The lowest sum of squares wins; ties go to the earliest start, so the result does not depend on thread timing.
        var best = 0;
        for (var s = 1; s < starts; s++) if (fits[s].Inertia < fits[best].Inertia) best = s;
        return fits[best].Fit;
    }

    /// <summary>The within-cluster sum of squared distances.</summary>
    public static double Inertia(IReadOnlyList<float[]> points, KMeansResult fit)
    {
        double total = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var d = Validation.Silhouette.Distance(points[i], fit.Centroids[fit.Assignments[i]]);
            total += d * d;
        }
        return total;
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

    /// <summary>
    /// The nearest centroid, its distance, and the margin to the second nearest (a small margin says "borderline"). Missing
    /// coordinates (NaN, a reduced feature set) are left out and the distance over the rest is scaled by √(d / present), so that
    /// distances stay comparable with those of complete points; ties go to the lower index. Only centroids for which
    /// <paramref name="allowed"/> is true are considered (empty: all).
    /// </summary>
    /// <summary>The distance from a point to one centre over the point's present coordinates, scaled by √(d / present) as in <see cref="Nearest"/>.</summary>
    public static double Distance(float[] centroid, ReadOnlySpan<float> point)
    {
        double s = 0;
        var present = 0;
        for (var d = 0; d < point.Length; d++)
        {
            if (float.IsNaN(point[d])) continue;
            present++;
            var t = centroid[d] - point[d];
            s += t * t;
        }
        return Math.Sqrt(s) * (present == point.Length ? 1.0 : Math.Sqrt((double)point.Length / present));
    }

    public static (int Cluster, double Distance, double Margin) Nearest(float[][] centroids, ReadOnlySpan<float> point, ReadOnlySpan<bool> allowed = default)
    {
        var present = 0;
        foreach (var x in point) if (!float.IsNaN(x)) present++;
        if (present == 0) throw new ArgumentException("the point has no coordinates to measure");
        var scale = present == point.Length ? 1.0 : Math.Sqrt((double)point.Length / present);
        int best = -1;
        double first = double.PositiveInfinity, second = double.PositiveInfinity;
        for (var c = 0; c < centroids.Length; c++)
        {
            if (!allowed.IsEmpty && !allowed[c]) continue;
            double s = 0;
            var centroid = centroids[c];
            for (var d = 0; d < point.Length; d++)
            {
                if (float.IsNaN(point[d])) continue;
                var t = centroid[d] - point[d];
                s += t * t;
            }
            var distance = Math.Sqrt(s) * scale;
            if (distance < first) { second = first; first = distance; best = c; }
            else if (distance < second) second = distance;
        }
        return (best, first, second - first);
    }
}
