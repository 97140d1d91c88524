using MathNet.Numerics.LinearAlgebra;

namespace Cohort.Phenotyping.Validation;

/// <summary>
/// Tibshirani, Walther and Hastie's (2001) gap statistic, as R's cluster::clusGap computes it with its default reference space
/// (spaceH0 = "scaledPCA": uniform over the box aligned with the data's principal components) and squared Euclidean distances
/// (d.power = 2, the paper's proposal): Gap(k) = E*[ln W_k] − ln W_k, W_k the within-cluster sum of squares of k-means; s_k = sd_k
/// √(1 + 1/B); k chosen by Tibshirani's rule (the smallest k with Gap(k) ≥ Gap(k+1) − s_(k+1)). k = 1 chosen means the data are
/// no more clustered than a uniform cloud of their own shape: a continuum. W_k comes from <see cref="Clustering.LloydKMeans"/>: the
/// statistic needs (B + 1) × k_max fits of a thousand points.
/// </summary>
public static class GapStatistic
{
    public sealed record Result(int[] Ks, double[] Gap, double[] Se, int Chosen, int References);

    public static Result Compute(IReadOnlyList<float[]> points, int kMax, int references = 20, int seed = 1)
    {
        double cluster(IReadOnlyList<float[]> p, int k) => Clustering.LloydKMeans.Fit(p, k, seed).Inertia;
        var n = points.Count;
        var d = points[0].Length;
        var ks = Enumerable.Range(1, kMax).ToArray();
        double LogW(IReadOnlyList<float[]> p, int k) => Math.Log(k == 1 ? OneCluster(p) : cluster(p, k));
        var observed = ks.Select(k => LogW(points, k)).ToArray();

        // Rotate to the principal components, draw uniformly in the box they span, rotate back.
        var mean = new double[d];
        foreach (var p in points) for (var j = 0; j < d; j++) mean[j] += p[j] / (double)n;
        var x = Matrix<double>.Build.Dense(n, d, (i, j) => points[i][j] - mean[j]);
        var v = x.Svd(computeVectors: true).VT.Transpose();
        var rotated = x * v;
        var low = Enumerable.Range(0, d).Select(j => rotated.Column(j).Minimum()).ToArray();
        var high = Enumerable.Range(0, d).Select(j => rotated.Column(j).Maximum()).ToArray();
        var rng = new Random(seed);
        var reference = new double[references, ks.Length];
        for (var b = 0; b < references; b++)
        {
            var z = Matrix<double>.Build.Dense(n, d, (_, j) => low[j] + rng.NextDouble() * (high[j] - low[j])) * v.Transpose();
            var drawn = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, d).Select(j => (float)(z[i, j] + mean[j])).ToArray()).ToArray();
            for (var k = 0; k < ks.Length; k++) reference[b, k] = LogW(drawn, ks[k]);
        }
        var gap = new double[ks.Length];
        var se = new double[ks.Length];
        for (var k = 0; k < ks.Length; k++)
        {
            var values = Enumerable.Range(0, references).Select(b => reference[b, k]).ToArray();
            var m = values.Average();
            var sd = Math.Sqrt(values.Sum(r => (r - m) * (r - m)) / (references - 1));
            gap[k] = m - observed[k];
            se[k] = sd * Math.Sqrt(1 + 1.0 / references);
        }
        var chosen = ks[^1];
        for (var k = 0; k < ks.Length - 1; k++)
            if (gap[k] >= gap[k + 1] - se[k + 1]) { chosen = ks[k]; break; }
        return new Result(ks, gap, se, chosen, references);
    }

    private static double OneCluster(IReadOnlyList<float[]> points)
    {
        var d = points[0].Length;
        var mean = new double[d];
        foreach (var p in points) for (var j = 0; j < d; j++) mean[j] += p[j];
        for (var j = 0; j < d; j++) mean[j] /= points.Count;
        double s = 0;
        foreach (var p in points) for (var j = 0; j < d; j++) s += (p[j] - mean[j]) * (p[j] - mean[j]);
        return s;
    }
}
