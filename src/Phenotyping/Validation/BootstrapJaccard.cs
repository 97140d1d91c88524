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
    /// The mean Jaccard per original cluster (0…<paramref name="k"/> − 1; NaN for a cluster no resample drew a member of).
    /// <paramref name="cluster"/> clusters the distinct points of a resample, weighted by how often each was drawn. Resamples run in parallel,
    /// each with its own seeded draw, and are summed in resample order, so the result does not depend on thread timing.
    /// </summary>
    public static double[] Compute(IReadOnlyList<float[]> points, IReadOnlyList<int> assignments, int k, Refit cluster,
        int resamples = 20, int seed = 1)
    {
        var best = new double[resamples][];
        Parallel.For(0, resamples, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, b =>
            best[b] = Resample(points, assignments, k, cluster, seed, b));
        var sums = new double[k];
        var counts = new int[k];
        foreach (var row in best)
            for (var c = 0; c < k; c++)
                if (!double.IsNaN(row[c])) { sums[c] += row[c]; counts[c]++; }
        return sums.Select((s, c) => counts[c] == 0 ? double.NaN : s / counts[c]).ToArray();
    }

    /// <summary>One resample: each original cluster's best Jaccard with a cluster of the re-clustered resample (NaN when none of its members was drawn).</summary>
    private static double[] Resample(IReadOnlyList<float[]> points, IReadOnlyList<int> assignments, int k, Refit cluster, int seed, int b)
    {
        var rng = new Random(unchecked(seed * 7919 + b));
        var result = new double[k];
        Array.Fill(result, double.NaN);
        // n draws with replacement, kept as the distinct points (in order of first draw) and how often each was drawn.
        var slot = new int[points.Count];
        Array.Fill(slot, -1);
        var distinct = new List<int>();
        var counts = new List<double>();
        for (var i = 0; i < points.Count; i++)
        {
            var p = rng.Next(points.Count);
            if (slot[p] < 0) { slot[p] = distinct.Count; distinct.Add(p); counts.Add(0); }
            counts[slot[p]]++;
        }
        var again = cluster(distinct.Select(i => points[i]).ToArray(), counts.ToArray(), seed + b + 1);
        // Each distinct point drawn takes the cluster it got; the Jaccard of original cluster c and resampled cluster d over those
        // points is |c ∩ d| / (|c| + |d| − |c ∩ d|).
        var kNew = again.Length == 0 ? 0 : again.Max() + 1;
        var both = new long[k, Math.Max(1, kNew)];
        var (original, resampled) = (new long[k], new long[Math.Max(1, kNew)]);
        for (var i = 0; i < distinct.Count; i++)
        {
            var (c, d) = (assignments[distinct[i]], again[i]);
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
            result[c] = best;
        }
        return result;
    }

    public static double Jaccard(HashSet<int> a, HashSet<int> b)
    {
        var intersection = a.Count(b.Contains);
        var union = a.Count + b.Count - intersection;
        return union == 0 ? 1 : (double)intersection / union;
    }
}
