using System.Numerics;
using Matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// A fitted Gaussian mixture: the family, mixing proportions, component means and full covariance matrices (row-major d × d, whatever
/// the family; a spherical or diagonal family simply has zeros off the diagonal). Computes each component's log density and the
/// posterior membership probabilities of a point; a point with missing coordinates (NaN) is scored under the marginal of the present
/// ones, which for a Gaussian is the sub-vector of the mean and the sub-matrix of the covariance.
/// </summary>
public sealed class GaussianMixture
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);
    /// <summary>
    /// Each component's inverse Cholesky factor A = L⁻¹ (d × d, row-major, zero above the diagonal): the squared Mahalanobis distance is
    /// |A (x − μ)|², whose rows are independent sums (a forward substitution chains each coordinate to the previous ones).
    /// </summary>
    private readonly double[][] _inverse;
    private readonly double[] _logDeterminant;
    /// <summary>log π_k − ½ (d log 2π + log |Σ_k|): the part of a component's weighted log density that does not depend on the point.</summary>
    private readonly double[] _constant;

    public GaussianMixture(CovarianceModel model, double[] weights, double[][] means, double[][] covariances)
    {
        if (weights.Length == 0 || means.Length != weights.Length || covariances.Length != weights.Length)
            throw new ArgumentException("a mixture needs one weight, mean and covariance per component");
        var d = means[0].Length;
        if (d > 64) throw new ArgumentException($"a mixture of at most 64 features, not {d}");
        if (means.Any(m => m.Length != d) || covariances.Any(c => c.Length != d * d))
            throw new ArgumentException($"every mean needs {d} values and every covariance {d * d}");
        Model = model;
        Weights = weights;
        Means = means;
        Covariances = covariances;
        _inverse = new double[weights.Length][];
        _logDeterminant = new double[weights.Length];
        _constant = new double[weights.Length];
        for (var k = 0; k < weights.Length; k++)
        {
            var factor = Cholesky(covariances[k], d) ?? throw new SingularCovarianceException(k);
            _inverse[k] = Inverse(factor, d);
            _logDeterminant[k] = LogDeterminant(factor, d);
            _constant[k] = Math.Log(weights[k]) - 0.5 * (d * LogTwoPi + _logDeterminant[k]);
        }
    }

    public CovarianceModel Model { get; }
    public double[] Weights { get; }
    public double[][] Means { get; }
    public double[][] Covariances { get; }
    public int K => Weights.Length;
    public int Dimensions => Means[0].Length;

    /// <summary>L⁻¹ of a lower-triangular L (both row-major), column by column by forward substitution of the unit vectors.</summary>
    private static double[] Inverse(double[] lower, int d)
    {
        var inverse = new double[d * d];
        for (var j = 0; j < d; j++)
            for (var i = j; i < d; i++)
            {
                var s = i == j ? 1.0 : 0.0;
                for (var m = j; m < i; m++) s -= lower[i * d + m] * inverse[m * d + j];
                inverse[i * d + j] = s / lower[i * d + i];
            }
        return inverse;
    }

    /// <summary>
    /// The lower Cholesky factor (row-major) of a covariance matrix by MathNet.Numerics, or null when the matrix is not positive
    /// definite or so ill-conditioned (ratio of smallest to largest pivot below 1e-10) that its density would be meaningless: mclust
    /// returns no BIC for such a fit, and neither does Cohort.
    /// </summary>
    public static double[]? Cholesky(double[] covariance, int d)
    {
        if (covariance.Any(x => !double.IsFinite(x))) return null;
        var matrix = Matrix.Build.Dense(d, d, (i, j) => covariance[i * d + j]);
        double[] lower;
        try { lower = matrix.Cholesky().Factor.ToRowMajorArray(); }
        catch (ArgumentException) { return null; }
        double min = double.PositiveInfinity, max = 0;
        for (var i = 0; i < d; i++)
        {
            var p = lower[i * d + i] * lower[i * d + i];
            if (!(p > 0) || !double.IsFinite(p)) return null;
            min = Math.Min(min, p);
            max = Math.Max(max, p);
        }
        return min / max < 1e-10 ? null : lower;
    }

    private static double LogDeterminant(double[] lower, int d)
    {
        double s = 0;
        for (var i = 0; i < d; i++) s += Math.Log(lower[i * d + i]);
        return 2 * s;
    }

    /// <summary>log(π_k φ(x; μ_k, Σ_k)) for each component of a complete point (no NaN), into <paramref name="logs"/>.</summary>
    public void WeightedLogDensities(ReadOnlySpan<double> x, Span<double> logs)
    {
        var d = Dimensions;
        Span<double> centred = stackalloc double[d];
        for (var k = 0; k < K; k++)
        {
            var mean = Means[k];
            for (var j = 0; j < d; j++) centred[j] = x[j] - mean[j];
            var inverse = _inverse[k];
            double quadratic = 0;
            for (var i = 0; i < d; i++)
            {
                var row = inverse.AsSpan(i * d, i + 1);
                double y = 0;
                for (var j = 0; j < row.Length; j++) y += row[j] * centred[j];
                quadratic += y * y;
            }
            logs[k] = _constant[k] - 0.5 * quadratic;
        }
    }

    /// <summary>
    /// The posterior membership probabilities of a point (NaN coordinates are left out: the marginal of the present ones) among the
    /// components for which <paramref name="allowed"/> is true (null: all), renormalised over them; returns log Σ_k π_k φ_k(x) over the
    /// allowed components. Components not allowed get probability 0.
    /// </summary>
    public double Posteriors(ReadOnlySpan<double> x, Span<double> posteriors, ReadOnlySpan<bool> allowed = default)
    {
        var complete = true;
        foreach (var v in x) if (double.IsNaN(v)) complete = false;
        if (complete) WeightedLogDensities(x, posteriors);
        else MarginalLogDensities(x, posteriors);
        return Normalise(posteriors, allowed);
    }

    /// <summary>
    /// <see cref="WeightedLogDensities"/> of a group of points (<see cref="PointBlocks"/>: vector j holds coordinate j of one point per
    /// lane), one vector of log densities per component: y = L⁻¹ (x − μ) row by row, each row's terms broadcast from the factor.
    /// </summary>
    internal void GroupLogDensities(ReadOnlySpan<Vector<double>> x, Span<Vector<double>> logs)
    {
        var d = Dimensions;
        Span<Vector<double>> centred = stackalloc Vector<double>[d];
        for (var k = 0; k < K; k++)
        {
            var mean = Means[k];
            for (var j = 0; j < d; j++) centred[j] = x[j] - new Vector<double>(mean[j]);
            var inverse = _inverse[k];
            var quadratic = Vector<double>.Zero;
            for (var i = 0; i < d; i++)
            {
                var row = inverse.AsSpan(i * d, i + 1);
                var y = Vector<double>.Zero;
                for (var j = 0; j < row.Length; j++) y += new Vector<double>(row[j]) * centred[j];
                quadratic += y * y;
            }
            logs[k] = new Vector<double>(_constant[k]) - new Vector<double>(0.5) * quadratic;
        }
    }

    /// <summary>Weighted log densities into posteriors (exp, renormalised over the allowed components); returns the log of their sum.</summary>
    internal double Normalise(Span<double> posteriors, ReadOnlySpan<bool> allowed)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < K; k++)
        {
            if (!allowed.IsEmpty && !allowed[k]) posteriors[k] = double.NegativeInfinity;
            max = Math.Max(max, posteriors[k]);
        }
        double sum = 0;
        for (var k = 0; k < K; k++)
        {
            posteriors[k] = double.IsNegativeInfinity(posteriors[k]) ? 0 : Math.Exp(posteriors[k] - max);
            sum += posteriors[k];
        }
        for (var k = 0; k < K; k++) posteriors[k] /= sum;
        return max + Math.Log(sum);
    }

    private void MarginalLogDensities(ReadOnlySpan<double> x, Span<double> logs)
    {
        ulong pattern = 0;
        for (var i = 0; i < x.Length; i++) if (!double.IsNaN(x[i])) pattern |= 1UL << i;
        if (pattern == 0) throw new ArgumentException("the point has no coordinates to score");
        // One marginal mixture per pattern of present coordinates (a cohort has few), built once and kept.
        var marginal = _marginals.GetOrAdd(pattern, Marginal);
        Span<double> present = stackalloc double[marginal.Dimensions];
        var p = 0;
        for (var i = 0; i < x.Length; i++) if (!double.IsNaN(x[i])) present[p++] = x[i];
        marginal.WeightedLogDensities(present, logs);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, GaussianMixture> _marginals = new();

    /// <summary>The mixture of the coordinates in <paramref name="pattern"/>: sub-vectors of the means, sub-matrices of the covariances.</summary>
    private GaussianMixture Marginal(ulong pattern)
    {
        var d = Dimensions;
        var present = Enumerable.Range(0, d).Where(i => (pattern & (1UL << i)) != 0).ToArray();
        var p = present.Length;
        return new GaussianMixture(Model, Weights,
            Means.Select(m => present.Select(i => m[i]).ToArray()).ToArray(),
            Covariances.Select(c => present.SelectMany(a => present.Select(b => c[a * d + b])).ToArray()).ToArray());
    }
}

/// <summary>A component's covariance matrix is singular or not positive definite: the mixture cannot be evaluated.</summary>
public sealed class SingularCovarianceException(int component) : Exception($"component {component + 1}'s covariance matrix is singular")
{
    public int Component { get; } = component;
}
