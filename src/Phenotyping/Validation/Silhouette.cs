namespace Cohort.Phenotyping.Validation;

/// <summary>
/// Rousseeuw's silhouette with Euclidean distances: for each point, s = (b − a) / max(a, b), a = mean distance to its own cluster,
/// b = the smallest mean distance to another cluster (s = 0 for a point alone in its cluster). The mean over points, exact for small
/// data sets; for large ones over a seeded random sample of points (each still measured against every point).
/// </summary>
public static class Silhouette
{
    public static double Mean(IReadOnlyList<float[]> points, IReadOnlyList<int> clusters, int sample = 2000, int seed = 1)
    {
        if (points.Count != clusters.Count) throw new ArgumentException("one cluster per point");
        var k = clusters.Max() + 1;
        if (k < 2) throw new ArgumentException("the silhouette needs at least two clusters");
        var sizes = new int[k];
        foreach (var c in clusters) sizes[c]++;
        var chosen = Enumerable.Range(0, points.Count).ToArray();
        if (points.Count > sample)
        {
            new Random(seed).Shuffle(chosen);
            chosen = chosen.Take(sample).Order().ToArray();
        }
        double total = 0;
        var sums = new double[k];
        foreach (var i in chosen)
        {
            Array.Clear(sums);
            for (var j = 0; j < points.Count; j++)
                if (j != i) sums[clusters[j]] += Distance(points[i], points[j]);
            var own = clusters[i];
            if (sizes[own] == 1) continue;
            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
                if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
            total += (b - a) / Math.Max(a, b);
        }
        return total / chosen.Length;
    }

    public static double Distance(float[] x, float[] y)
    {
        double s = 0;
        for (var d = 0; d < x.Length; d++) { var t = x[d] - y[d]; s += t * t; }
        return Math.Sqrt(s);
    }
}
