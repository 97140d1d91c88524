namespace Cohort.Phenotyping.Clustering;

/// <summary>
/// Plain Lloyd's k-means from a seeded k-means++ start (until the sum of squares improves by less than a millionth, at most 100
/// iterations; ties to the lower centre), for the thousands of small
/// refits that resampling needs (bootstrap stability: 20 resamples per candidate k and 100 for the chosen model; the gap statistic's
/// reference sets). ML.NET's k-means fits the models themselves; on 4,000 points its per-fit set-up costs more than the clustering, and
/// a refit only has to find the same kind of partition again.
/// </summary>
public static class LloydKMeans
{
    /// <summary>Each point's cluster and the within-cluster sum of squares, best of <paramref name="starts"/> seeded starts.</summary>
    public static (int[] Assignments, double Inertia) Fit(IReadOnlyList<float[]> points, int k, int seed, int starts = 1)
    {
        (int[] Assignments, double Inertia) best = ([], double.PositiveInfinity);
        for (var s = 0; s < starts; s++)
        {
            var fit = Once(points, k, seed + s);
            if (fit.Inertia < best.Inertia) best = fit;
        }
        return best;
    }

    private static (int[] Assignments, double Inertia) Once(IReadOnlyList<float[]> points, int k, int seed)
    {
        var n = points.Count;
        var d = points[0].Length;
        var rng = new Random(seed);
        var centres = new double[k][];
        centres[0] = points[rng.Next(n)].Select(v => (double)v).ToArray();
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        for (var c = 1; c < k; c++)
        {
            double total = 0;
            for (var i = 0; i < n; i++) total += nearest[i] = Math.Min(nearest[i], Squared(points[i], centres[c - 1]));
            var target = rng.NextDouble() * total;
            var chosen = n - 1;
            for (var i = 0; i < n; i++) if ((target -= nearest[i]) <= 0) { chosen = i; break; }
            centres[c] = points[chosen].Select(v => (double)v).ToArray();
        }
        var assignment = new int[n];
        double sum = 0, previous = double.PositiveInfinity;
        var counts = new int[k];
        var sums = new double[k * d];
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var changed = iteration == 0;
            sum = 0;
            for (var i = 0; i < n; i++)
            {
                var (best, distance) = (0, double.PositiveInfinity);
                for (var c = 0; c < k; c++) { var s = Squared(points[i], centres[c]); if (s < distance) (best, distance) = (c, s); }
                changed |= assignment[i] != best;
                assignment[i] = best;
                sum += distance;
            }
            // Stop when nothing moves, or when the sum of squares improves by less than a millionth (ML.NET's tolerance is of this order).
            if (!changed || previous - sum <= 1e-6 * sum) break;
            previous = sum;
            Array.Clear(counts);
            Array.Clear(sums);
            for (var i = 0; i < n; i++) { counts[assignment[i]]++; for (var j = 0; j < d; j++) sums[assignment[i] * d + j] += points[i][j]; }
            for (var c = 0; c < k; c++) if (counts[c] > 0) for (var j = 0; j < d; j++) centres[c][j] = sums[c * d + j] / counts[c];
        }
        return (assignment, sum);
    }

    private static double Squared(float[] p, double[] c)
    {
        double s = 0;
        for (var j = 0; j < p.Length; j++) { var t = p[j] - c[j]; s += t * t; }
        return s;
    }
}
