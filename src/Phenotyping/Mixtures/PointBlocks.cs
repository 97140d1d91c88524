using System.Numerics;
using System.Runtime.InteropServices;

namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// The points an EM fit runs over, laid out for SIMD across points: groups of <see cref="Width"/> points (one per vector lane), each
/// group stored coordinate by coordinate, so that one vector holds coordinate j of <see cref="Width"/> points and every E- and M-step
/// operation serves that many points at once. The last group is padded with points of weight 0. Every coordinate must be present: EM
/// fits complete points.
/// </summary>
internal sealed class PointBlocks
{
    private readonly double[] _values;

    private PointBlocks(int n, int d, double[]? weights)
    {
        N = n;
        D = d;
        Groups = (n + Width - 1) / Width;
        _values = new double[Groups * d * Width];
        Weights = weights;
    }

    public static int Width => Vector<double>.Count;
    public int N { get; }
    public int D { get; }
    public int Groups { get; }
    /// <summary>How many times each point counts (a bootstrap resample's repeats), or null when each counts once.</summary>
    public double[]? Weights { get; }
    public double Weight(int i) => i >= N ? 0 : Weights is null ? 1 : Weights[i];
    public double TotalWeight => Weights?.Sum() ?? N;

    /// <summary>Group <paramref name="g"/>: d vectors, vector j holding coordinate j of points g·Width … g·Width + Width − 1.</summary>
    public ReadOnlySpan<Vector<double>> Group(int g) => MemoryMarshal.Cast<double, Vector<double>>(_values.AsSpan(g * D * Width, D * Width));

    /// <summary>The weights of group <paramref name="g"/>'s points (0 for padding).</summary>
    public Vector<double> GroupWeights(int g)
    {
        Span<double> w = stackalloc double[Width];
        for (var l = 0; l < Width; l++) w[l] = Weight(g * Width + l);
        return new Vector<double>(w);
    }

    public static PointBlocks From(IReadOnlyList<double[]> points, double[]? weights = null)
    {
        if (points.Count == 0) throw new ArgumentException("EM needs at least one point");
        if (weights is not null && (weights.Length != points.Count || weights.Any(w => !(w > 0) || !double.IsFinite(w))))
            throw new ArgumentException($"give one positive, finite weight per point ({points.Count})");
        var d = points[0].Length;
        var blocks = new PointBlocks(points.Count, d, weights);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (p.Length != d) throw new ArgumentException($"point {i + 1} has {p.Length} coordinates, not {d}");
            var (g, lane) = (i / Width, i % Width);
            for (var j = 0; j < d; j++)
            {
                if (!double.IsFinite(p[j])) throw new ArgumentException($"point {i + 1}, coordinate {j + 1} is missing or not finite: EM fits complete points");
                blocks._values[(g * d + j) * Width + lane] = p[j];
            }
        }
        return blocks;
    }
}
