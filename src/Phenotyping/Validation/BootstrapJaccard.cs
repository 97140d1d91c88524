namespace Cohort.Phenotyping.Validation;

/// <summary>
/// Hennig's (2007) cluster-wise stability: the data are resampled with replacement B times and clustered again; for each original
/// cluster, the Jaccard similarity |A ∩ B| / |A ∪ B| to the most similar cluster of each resample (over the distinct points drawn)
/// is averaged over the resamples. The words for the means are Hennig's (<see cref="Domain.Phenotypes.ClusterStability"/>).
/// </summary>
public static class BootstrapJaccard
{
    public const double Stable = Domain.Phenotypes.ClusterStability.Stable;

    /// <summary>
    /// The mean Jaccard per original cluster. <paramref name="cluster"/> clusters a list of points with a seed and returns one
    /// cluster per point.
    /// </summary>
    public static double[] Compute(IReadOnlyList<float[]> points, IReadOnlyList<int> assignments, Func<IReadOnlyList<float[]>, int, int[]> cluster,
        int resamples = 20, int seed = 1)
    {
        var k = assignments.Max() + 1;
        var sums = new double[k];
        var counts = new int[k];
        var rng = new Random(seed);
        for (var b = 0; b < resamples; b++)
        {
            var drawn = new int[points.Count];
            for (var i = 0; i < drawn.Length; i++) drawn[i] = rng.Next(points.Count);
            var again = cluster(drawn.Select(i => points[i]).ToArray(), seed + b + 1);
            // Each distinct point drawn takes the cluster it got (a point drawn twice gets the same cluster both times); the Jaccard
            // of original cluster c and resampled cluster d over those points is |c ∩ d| / (|c| + |d| − |c ∩ d|).
            var kNew = again.Length == 0 ? 0 : again.Max() + 1;
            var seen = new bool[points.Count];
            var both = new long[k, Math.Max(1, kNew)];
            var (original, resampled) = (new long[k], new long[Math.Max(1, kNew)]);
            for (var i = 0; i < drawn.Length; i++)
            {
                if (seen[drawn[i]]) continue;
                seen[drawn[i]] = true;
                var (c, d) = (assignments[drawn[i]], again[i]);
                both[c, d]++;
                original[c]++;
                resampled[d]++;
            }
            for (var c = 0; c < k; c++)
            {
                if (original[c] == 0) continue;
                var best = 0.0;
                for (var d = 0; d < kNew; d++)
                    if (resampled[d] > 0) best = Math.Max(best, (double)both[c, d] / (original[c] + resampled[d] - both[c, d]));
                sums[c] += best;
                counts[c]++;
            }
        }
        return sums.Select((s, c) => counts[c] == 0 ? double.NaN : s / counts[c]).ToArray();
    }

    public static double Jaccard(HashSet<int> a, HashSet<int> b)
    {
        var intersection = a.Count(b.Contains);
        var union = a.Count + b.Count - intersection;
        return union == 0 ? 1 : (double)intersection / union;
    }
}
