using System.Numerics;

namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// The points an EM fit runs over, in one flat array: each row holds a point's d coordinates followed by zeros up to a whole number of
/// SIMD vectors (<see cref="Stride"/>), so that E- and M-steps work on vectors. Every coordinate must be present: EM fits complete points.
/// </summary>
internal sealed class PaddedPoints
{
    private PaddedPoints(int n, int d)
    {
        N = n;
        D = d;
        Stride = GaussianMixture.PaddedWidth(d);
        Values = new double[n * Stride];
    }

    public int N { get; }
    /// <summary>How many times each point counts (a bootstrap resample's repeats), or null when each counts once.</summary>
    public double[]? Weights { get; private init; }
    public double Weight(int i) => Weights is null ? 1 : Weights[i];
    public double TotalWeight => Weights?.Sum() ?? N;
    public int D { get; }
    public int Stride { get; }
    public double[] Values { get; }

    public ReadOnlySpan<double> Row(int i) => Values.AsSpan(i * Stride, Stride);

    public ReadOnlySpan<Vector<double>> Vectors(int i) => System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(Row(i));

    public static PaddedPoints From(IReadOnlyList<double[]> points, double[]? weights = null)
    {
        if (points.Count == 0) throw new ArgumentException("EM needs at least one point");
        if (weights is not null && (weights.Length != points.Count || weights.Any(w => !(w > 0) || !double.IsFinite(w))))
            throw new ArgumentException($"give one positive, finite weight per point ({points.Count})");
        var padded = new PaddedPoints(points.Count, points[0].Length) { Weights = weights };
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (p.Length != padded.D) throw new ArgumentException($"point {i + 1} has {p.Length} coordinates, not {padded.D}");
            for (var j = 0; j < p.Length; j++)
            {
                if (!double.IsFinite(p[j])) throw new ArgumentException($"point {i + 1}, coordinate {j + 1} is missing or not finite: EM fits complete points");
                padded.Values[i * padded.Stride + j] = p[j];
            }
        }
        return padded;
    }
}
