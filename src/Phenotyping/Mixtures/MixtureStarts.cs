using Cohort.Phenotyping.Clustering;

namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// EM from several starting partitions, keeping the highest log-likelihood. mclust starts from one model-based hierarchical
/// partition; Cohort starts from k-means++ partitions (seeds seed, seed + 1, …), which reach the same fixed points on the published
/// data sets the tests pin (faithful, iris) and scale to hundreds of thousands of points.
/// </summary>
public static class MixtureStarts
{
    /// <summary>The k-means partitions EM starts from: one per seed (k = 1: everyone in one component).</summary>
    public static int[][] Partitions(IReadOnlyList<float[]> points, int k, int seed, int starts) =>
        k == 1 ? [new int[points.Count]]
        : Enumerable.Range(0, starts).Select(s => KMeansFit.Fit(points, k, seed + s).Assignments).ToArray();

    /// <summary>The best EM fit over the given starting partitions, or null when every start became singular.</summary>
    public static MixtureResult? Best(IReadOnlyList<double[]> x, int k, CovarianceModel model, IEnumerable<int[]> partitions,
        double tolerance = MixtureFit.DefaultTolerance, int maxIterations = 1000)
    {
        MixtureResult? best = null;
        foreach (var p in partitions)
        {
            var fit = MixtureFit.FromPartition(x, k, model, p, tolerance, maxIterations);
            if (fit is not null && (best is null || fit.LogLikelihood > best.LogLikelihood + 1e-9)) best = fit;
        }
        return best;
    }

    public static double[][] ToDouble(IReadOnlyList<float[]> points) => points.Select(p => p.Select(v => (double)v).ToArray()).ToArray();
}
