using MathNet.Numerics.LinearAlgebra;

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
    private readonly double[][] _cholesky;
    private readonly double[] _logDeterminant;

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
        _cholesky = new double[weights.Length][];
        _logDeterminant = new double[weights.Length];
        for (var k = 0; k < weights.Length; k++)
        {
            var factor = Cholesky(covariances[k], d) ?? throw new SingularCovarianceException(k);
            _cholesky[k] = factor;
            _logDeterminant[k] = LogDeterminant(factor, d);
        }
    }

    public CovarianceModel Model { get; }
    public double[] Weights { get; }
    public double[][] Means { get; }
    public double[][] Covariances { get; }
    public int K => Weights.Length;
    public int Dimensions => Means[0].Length;

    /// <summary>
    /// The lower Cholesky factor (row-major) of a covariance matrix by MathNet.Numerics, or null when the matrix is not positive
    /// definite or so ill-conditioned (ratio of smallest to largest pivot below 1e-10) that its density would be meaningless: mclust
    /// returns no BIC for such a fit, and neither does Cohort.
    /// </summary>
    public static double[]? Cholesky(double[] covariance, int d)
    {
        if (covariance.Any(x => !double.IsFinite(x))) return null;
        var matrix = Matrix<double>.Build.Dense(d, d, (i, j) => covariance[i * d + j]);
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
        Span<double> y = stackalloc double[d];
        for (var k = 0; k < K; k++)
        {
            var l = _cholesky[k];
            var mean = Means[k];
            double quadratic = 0;
            // Forward substitution L y = x − μ; the squared Mahalanobis distance is |y|².
            for (var i = 0; i < d; i++)
            {
                var s = x[i] - mean[i];
                var row = i * d;
                for (var j = 0; j < i; j++) s -= l[row + j] * y[j];
                y[i] = s / l[row + i];
                quadratic += y[i] * y[i];
            }
            logs[k] = Math.Log(Weights[k]) - 0.5 * (d * LogTwoPi + _logDeterminant[k] + quadratic);
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
