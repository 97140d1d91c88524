namespace Cohort.Phenotyping.Clustering;

/// <summary>
/// Plain Lloyd's k-means from a seeded k-means++ start (until the sum of squares improves by less than a millionth, at most 100
/// iterations; ties to the lower centre), for the thousands of small refits that resampling needs (bootstrap stability: 20 resamples
/// per candidate k and 100 for the chosen model; the gap statistic's reference sets). ML.NET's k-means fits the models themselves; on
/// 4,000 points its per-fit set-up costs more than the clustering, and a refit only has to find the same kind of partition again.
/// </summary>
public static class LloydKMeans
{
    /// <summary>
    /// Each point's cluster and the within-cluster sum of squares, best of <paramref name="starts"/> seeded starts. With
    /// <paramref name="weights"/> each point counts that many times (a bootstrap resample's repeats): in the k-means++ draws, the centre
    /// means and the sum of squares.
    /// </summary>
    public static (int[] Assignments, double Inertia) Fit(IReadOnlyList<float[]> points, int k, int seed, int starts = 1, double[]? weights = null)
    {
        if (weights is not null && weights.Length != points.Count) throw new ArgumentException($"{weights.Length} weights for {points.Count} points");
        var n = points.Count;
        var d = points[0].Length;
        var flat = new float[n * d];
        for (var i = 0; i < n; i++) points[i].CopyTo(flat, i * d);
        (int[] Assignments, double Inertia) best = ([], double.PositiveInfinity);
        for (var s = 0; s < starts; s++)
        {
            var fit = Once(flat, weights, n, d, k, seed + s);
            if (fit.Inertia < best.Inertia) best = fit;
        }
        return best;
    }

    private static (int[] Assignments, double Inertia) Once(float[] x, double[]? weights, int n, int d, int k, int seed)
    {
        double W(int i) => weights is null ? 1 : weights[i];
        var rng = new Random(seed);
        var centres = new float[k * d];
        // k-means++: the first centre drawn in proportion to weight, each next one in proportion to weight × squared distance.
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        Array.Copy(x, Draw(rng, n, i => W(i)) * d, centres, 0, d);
        for (var c = 1; c < k; c++)
        {
            var previous = centres.AsSpan((c - 1) * d, d);
            for (var i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], Squared(x.AsSpan(i * d, d), previous));
            Array.Copy(x, Draw(rng, n, i => W(i) * nearest[i]) * d, centres, c * d, d);
        }
        var assignment = new int[n];
        double sum = 0, before = double.PositiveInfinity;
        var counts = new double[k];
        var sums = new double[k * d];
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var changed = iteration == 0;
            sum = 0;
            for (var i = 0; i < n; i++)
            {
                var point = x.AsSpan(i * d, d);
                var (best, distance) = (0, double.PositiveInfinity);
                for (var c = 0; c < k; c++)
                {
                    var s = Squared(point, centres.AsSpan(c * d, d));
                    if (s < distance) (best, distance) = (c, s);
                }
                changed |= assignment[i] != best;
                assignment[i] = best;
                sum += W(i) * distance;
            }
            // Stop when nothing moves, or when the sum of squares improves by less than a millionth (ML.NET's tolerance is of this order).
            if (!changed || before - sum <= 1e-6 * sum) break;
            before = sum;
            Array.Clear(counts);
            Array.Clear(sums);
            for (var i = 0; i < n; i++)
            {
                var a = assignment[i];
                var w = W(i);
                counts[a] += w;
                for (var j = 0; j < d; j++) sums[a * d + j] += w * x[i * d + j];
            }
            for (var c = 0; c < k; c++) if (counts[c] > 0) for (var j = 0; j < d; j++) centres[c * d + j] = (float)(sums[c * d + j] / counts[c]);
        }
        return (assignment, sum);
    }

    /// <summary>An index drawn with probability proportional to <paramref name="weight"/> (the last one when rounding leaves the target unspent).</summary>
    private static int Draw(Random rng, int n, Func<int, double> weight)
    {
        double total = 0;
        for (var i = 0; i < n; i++) total += weight(i);
        var target = rng.NextDouble() * total;
        for (var i = 0; i < n; i++) if ((target -= weight(i)) <= 0 && weight(i) > 0) return i;
        return n - 1;
    }

    private static float Squared(ReadOnlySpan<float> p, ReadOnlySpan<float> c)
    {
        var s = 0f;
        for (var j = 0; j < p.Length; j++) { var t = p[j] - c[j]; s += t * t; }
        return s;
    }
}
