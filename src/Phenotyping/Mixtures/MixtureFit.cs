using System.Numerics;
using System.Runtime.InteropServices;

namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// Expectation–maximisation for the Gaussian mixtures of <see cref="CovarianceModel"/>, as mclust runs it: start from a hard
/// partition (an M-step on its indicator matrix), then alternate E-steps (posterior probabilities z) and M-steps (π_k = n_k / n,
/// μ_k = Σ z_ik x_i / n_k, covariances from the weighted scatter matrices W_k under the family's constraint) until the relative change
/// of the log-likelihood, |ΔlogL| / (1 + |logL|), falls below the tolerance (mclust's default 1e-5). A fit whose covariance becomes
/// singular returns null, as mclust returns no BIC for it. The E-step runs in parallel over blocks of points and the M-step over
/// components, both on SIMD vectors over <see cref="PaddedPoints"/>; sums are taken in a fixed order, so a fit does not depend on thread
/// timing.
/// </summary>
public static class MixtureFit
{
    public const double DefaultTolerance = 1e-5;
    private const int Block = 2048;

    /// <summary>A posterior weight below this adds nothing a double can hold to a sum of thousands of points, and is skipped.</summary>
    private const double Negligible = 1e-12;

    /// <summary>EM from a hard partition (each point's component, 0…k−1).</summary>
    public static MixtureResult? FromPartition(IReadOnlyList<double[]> x, int k, CovarianceModel model, IReadOnlyList<int> partition,
        double tolerance = DefaultTolerance, int maxIterations = 1000)
    {
        var points = PaddedPoints.From(x);
        var z = new double[points.N * k];
        for (var i = 0; i < points.N; i++) z[i * k + partition[i]] = 1;
        var start = MStep(points, z, k, model);
        return start is null ? null : Run(points, start, tolerance, maxIterations);
    }

    /// <summary>
    /// EM from a mixture's parameters (an E-step first): refines a model fitted on a sample over more points, or refits it on a
    /// bootstrap resample given as its distinct points and <paramref name="weights"/> (how often each was drawn; the result's
    /// posteriors are per distinct point, and its BIC, counted over rows, is not that of the resample).
    /// </summary>
    public static MixtureResult? Run(IReadOnlyList<double[]> x, GaussianMixture start, double tolerance = DefaultTolerance, int maxIterations = 1000,
        double[]? weights = null) =>
        Run(PaddedPoints.From(x, weights), start, tolerance, maxIterations);

    private static MixtureResult? Run(PaddedPoints x, GaussianMixture start, double tolerance, int maxIterations)
    {
        var k = start.K;
        var z = new double[x.N * k];
        var mixture = start;
        var previous = double.NaN;
        for (var iteration = 1; ; iteration++)
        {
            var logLikelihood = EStep(x, mixture, z);
            var converged = !double.IsNaN(previous) && Math.Abs(logLikelihood - previous) / (1 + Math.Abs(logLikelihood)) < tolerance;
            if (converged || iteration >= maxIterations) return new MixtureResult(mixture, logLikelihood, z, iteration, converged, x.N);
            previous = logLikelihood;
            var next = MStep(x, z, k, mixture.Model);
            if (next is null) return null;
            mixture = next;
        }
    }

    /// <summary>Posterior probabilities of every point into <paramref name="z"/> (n × k, row-major); returns the log-likelihood.</summary>
    private static double EStep(PaddedPoints x, GaussianMixture mixture, double[] z)
    {
        var k = mixture.K;
        var blocks = (x.N + Block - 1) / Block;
        var partial = new double[blocks];
        Parallel.For(0, blocks, b =>
        {
            double sum = 0;
            for (var i = b * Block; i < Math.Min(x.N, (b + 1) * Block); i++)
                sum += x.Weight(i) * mixture.PaddedPosteriors(x.Row(i), z.AsSpan(i * k, k));
            partial[b] = sum;
        });
        double total = 0;
        foreach (var p in partial) total += p;
        return total;
    }

    /// <summary>The maximum-likelihood parameters given posterior weights, or null when a component is empty or its covariance singular.</summary>
    private static GaussianMixture? MStep(PaddedPoints x, double[] z, int k, CovarianceModel model)
    {
        var (n, d, stride) = (x.N, x.D, x.Stride);
        var total = x.TotalWeight;
        var width = Vector<double>.Count;
        var nk = new double[k];
        var means = new double[k][];
        var scatter = new double[k][];
        Parallel.For(0, k, c =>
        {
            var mean = new double[stride];
            var m = MemoryMarshal.Cast<double, Vector<double>>(mean.AsSpan());
            double weight = 0;
            for (var i = 0; i < n; i++)
            {
                var w = z[i * k + c];
                if (w < Negligible) continue;
                w *= x.Weight(i);
                weight += w;
                var xi = x.Vectors(i);
                var wv = new Vector<double>(w);
                for (var v = 0; v < m.Length; v++) m[v] += xi[v] * wv;
            }
            nk[c] = weight;
            if (weight <= 0) return;
            for (var j = 0; j < d; j++) mean[j] /= weight;
            // The lower triangle of Σ_i w_i (x_i − μ)(x_i − μ)ᵀ, a row of whole vectors at a time (row a needs columns 0…a).
            var rows = new double[d * stride];
            var centred = new double[stride];
            var cv = MemoryMarshal.Cast<double, Vector<double>>(centred.AsSpan());
            for (var i = 0; i < n; i++)
            {
                var w = z[i * k + c];
                if (w < Negligible) continue;
                w *= x.Weight(i);
                var xi = x.Vectors(i);
                for (var v = 0; v < cv.Length; v++) cv[v] = xi[v] - m[v];
                for (var a = 0; a < d; a++)
                {
                    var row = MemoryMarshal.Cast<double, Vector<double>>(rows.AsSpan(a * stride, stride));
                    var wa = new Vector<double>(w * centred[a]);
                    for (var v = 0; v <= a / width; v++) row[v] += cv[v] * wa;
                }
            }
            var s = new double[d * d];
            for (var a = 0; a < d; a++)
                for (var b = 0; b <= a; b++) s[a * d + b] = s[b * d + a] = rows[a * stride + b];
            means[c] = mean[..d];
            scatter[c] = s;
        });
        // A component needs more weight than one point's worth to have a covariance at all.
        if (nk.Any(w => w <= 1e-8 * total || w < 1)) return null;
        var covariances = Covariances(model, scatter, nk, total, d);
        try
        {
            return new GaussianMixture(model, nk.Select(w => w / total).ToArray(), means, covariances);
        }
        catch (SingularCovarianceException)
        {
            return null;
        }
    }

    private static double[][] Covariances(CovarianceModel model, double[][] scatter, double[] nk, double n, int d)
    {
        var k = nk.Length;
        var pooled = new double[d * d];
        foreach (var s in scatter) for (var i = 0; i < pooled.Length; i++) pooled[i] += s[i];
        double Trace(double[] m) { double t = 0; for (var i = 0; i < d; i++) t += m[i * d + i]; return t; }
        double[] Spherical(double variance) { var m = new double[d * d]; for (var i = 0; i < d; i++) m[i * d + i] = variance; return m; }
        double[] Diagonal(double[] s, double count) { var m = new double[d * d]; for (var i = 0; i < d; i++) m[i * d + i] = s[i * d + i] / count; return m; }
        double[] Scaled(double[] s, double count) => s.Select(v => v / count).ToArray();
        return model switch
        {
            CovarianceModel.EII => Enumerable.Repeat(Spherical(Trace(pooled) / (d * n)), k).ToArray(),
            CovarianceModel.VII => Enumerable.Range(0, k).Select(c => Spherical(Trace(scatter[c]) / (d * nk[c]))).ToArray(),
            CovarianceModel.EEI => Enumerable.Repeat(Diagonal(pooled, n), k).ToArray(),
            CovarianceModel.VVI => Enumerable.Range(0, k).Select(c => Diagonal(scatter[c], nk[c])).ToArray(),
            CovarianceModel.EEE => Enumerable.Repeat(Scaled(pooled, n), k).ToArray(),
            _ => Enumerable.Range(0, k).Select(c => Scaled(scatter[c], nk[c])).ToArray(),
        };
    }
}
