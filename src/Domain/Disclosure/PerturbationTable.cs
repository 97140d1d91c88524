using System.Globalization;

namespace Cohort.Domain.Disclosure;

/// <summary>
/// The perturbation table of the cell key method for counts (the construction of the R package ptable): for a count i and a cell
/// key k, the noise v added to i. Each row is the maximum-entropy distribution over v ∈ [−D, D] with i + v ≥ 0 (and i + v not in
/// 1..js) that has mean 0 and variance at most V; such a distribution is p(v) ∝ exp(a·v + b·v²), solved here by Newton's method.
/// Rows are kept for counts below D + js + 1; every larger count uses the last, symmetric row. A count of 0 is never perturbed.
/// Each row's probabilities are laid out on [0, 1) in ascending v; the key falls in one interval and picks its v.
/// </summary>
public sealed class PerturbationTable
{
    private readonly double[][] _upper;
    private readonly int[][] _values;

    private PerturbationTable(int maximumNoise, double variance, int threshold, double[][] probabilities, int[][] values)
    {
        MaximumNoise = maximumNoise;
        Variance = variance;
        Threshold = threshold;
        Probabilities = probabilities;
        _values = values;
        _upper = probabilities.Select(row => { var sum = 0.0; return row.Select(p => sum += p).ToArray(); }).ToArray();
        foreach (var u in _upper) u[^1] = 1.0;
    }

    /// <summary>D: no count moves by more than this.</summary>
    public int MaximumNoise { get; }

    /// <summary>V: the variance of the noise (at most; small counts whose support is cut at zero may have less).</summary>
    public double Variance { get; }

    /// <summary>js: perturbed counts from 1 to js never appear.</summary>
    public int Threshold { get; }

    /// <summary>Row r (count r, the last row for every larger count): the probability of each value in <see cref="Values"/>.</summary>
    public IReadOnlyList<double[]> Probabilities { get; }

    public IReadOnlyList<int> Values(int row) => _values[row];

    public string Version => string.Create(CultureInfo.InvariantCulture, $"ptable D={MaximumNoise} V={Variance} js={Threshold}");

    /// <summary>The default: noise of at most ±2 with variance 1, no forbidden small counts (small cells are suppressed anyway).</summary>
    public static PerturbationTable Default { get; } = Create(2, 1.0);

    public static PerturbationTable Create(int maximumNoise, double variance, int threshold = 0)
    {
        if (maximumNoise < 1) throw new ArgumentOutOfRangeException(nameof(maximumNoise), maximumNoise, "the maximum noise must be at least 1");
        if (!(variance > 0) || variance >= maximumNoise * maximumNoise)
            throw new ArgumentOutOfRangeException(nameof(variance), variance, $"the variance must lie between 0 and D² = {maximumNoise * maximumNoise}");
        if (threshold < 0) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the threshold js cannot be negative");
        var rows = threshold == 0 ? maximumNoise + 1 : maximumNoise + threshold + 2;
        var probabilities = new double[rows][];
        var values = new int[rows][];
        probabilities[0] = [1.0];
        values[0] = [0];
        for (var i = 1; i < rows; i++)
        {
            values[i] = Enumerable.Range(Math.Max(i - maximumNoise, 0), Math.Min(maximumNoise, i) + maximumNoise + 1)
                .Where(j => j == 0 || j > threshold).Select(j => j - i).ToArray();
            probabilities[i] = MaximumEntropy(values[i], variance);
        }
        return new PerturbationTable(maximumNoise, variance, threshold, probabilities, values);
    }

    /// <summary>The noise for a count and a cell key in [0, 1).</summary>
    public int Noise(long count, double key)
    {
        if (count <= 0) return 0;
        var row = (int)Math.Min(count, _upper.Length - 1);
        var upper = _upper[row];
        for (var k = 0; k < upper.Length; k++)
            if (key < upper[k]) return _values[row][k];
        return _values[row][^1];
    }

    /// <summary>
    /// p(v) ∝ exp(a·v + b·v²) with Σ v·p = 0 and Σ v²·p = V, or, when even b = 0 gives a variance at most V, the mean-0 distribution
    /// with b = 0 (the variance bound does not bind). Newton's method on (a, b).
    /// </summary>
    internal static double[] MaximumEntropy(IReadOnlyList<int> v, double variance)
    {
        if (v.Count == 1) return [1.0];
        var (a, b) = (0.0, 0.0);
        var free = Solve(v, variance, ref a, ref b, bindVariance: false);
        if (free is not null && Moment(free, v, 2) <= variance + 1e-12) return free;
        if (free is null) (a, b) = (0.0, 0.0);
        b = 0;
        return Solve(v, variance, ref a, ref b, bindVariance: true)
            ?? throw new InvalidOperationException($"no noise distribution on {{{string.Join(", ", v)}}} has mean 0 and variance {variance}");
    }

    private static double[]? Solve(IReadOnlyList<int> v, double variance, ref double a, ref double b, bool bindVariance)
    {
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var p = Distribution(v, a, b);
            double m1 = Moment(p, v, 1), m2 = Moment(p, v, 2), m3 = Moment(p, v, 3), m4 = Moment(p, v, 4);
            var f1 = m1;
            var f2 = m2 - variance;
            if (Math.Abs(f1) < 1e-13 && (!bindVariance || Math.Abs(f2) < 1e-13)) return p;
            if (!bindVariance)
            {
                var slope = m2 - m1 * m1;
                if (slope <= 0) return null;
                a -= f1 / slope;
                continue;
            }
            // Jacobian of (E v, E v²) with respect to (a, b): the covariance matrix of (v, v²).
            double j11 = m2 - m1 * m1, j12 = m3 - m1 * m2, j22 = m4 - m2 * m2;
            var det = j11 * j22 - j12 * j12;
            if (Math.Abs(det) < 1e-300) return null;
            var da = (j22 * f1 - j12 * f2) / det;
            var db = (j11 * f2 - j12 * f1) / det;
            // Damped: halve the step until the residual shrinks, so a start far from the solution cannot throw the exponents away.
            var residual = f1 * f1 + f2 * f2;
            var step = 1.0;
            while (step > 1e-8)
            {
                var q = Distribution(v, a - da * step, b - db * step);
                double g1 = Moment(q, v, 1), g2 = Moment(q, v, 2) - variance;
                if (g1 * g1 + g2 * g2 < residual) break;
                step /= 2;
            }
            a -= da * step;
            b -= db * step;
        }
        return null;
    }

    private static double[] Distribution(IReadOnlyList<int> v, double a, double b)
    {
        var exponents = v.Select(x => a * x + b * x * x).ToArray();
        var max = exponents.Max();
        var w = exponents.Select(e => Math.Exp(e - max)).ToArray();
        var total = w.Sum();
        return w.Select(x => x / total).ToArray();
    }

    private static double Moment(IReadOnlyList<double> p, IReadOnlyList<int> v, int power)
    {
        var s = 0.0;
        for (var k = 0; k < p.Count; k++) s += p[k] * Math.Pow(v[k], power);
        return s;
    }
}
