using System.Numerics;

namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// Expectation–maximisation for the Gaussian mixtures of <see cref="CovarianceModel"/>, as mclust runs it: start from a hard
/// partition (an M-step on its indicator matrix), then alternate E-steps (posterior probabilities z) and M-steps (π_k = n_k / n,
/// μ_k = Σ z_ik x_i / n_k, covariances from the weighted scatter matrices W_k under the family's constraint) until the relative change
/// of the log-likelihood, |ΔlogL| / (1 + |logL|), falls below the tolerance (mclust's default 1e-5). A fit whose covariance becomes
/// singular returns null, as mclust returns no BIC for it. The E-step runs in parallel over blocks of points and the M-step over
/// components, both on SIMD vectors across points (<see cref="PointBlocks"/>); sums are taken in a fixed order, so a fit does not depend on thread
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
        var points = PointBlocks.From(x);
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
        Run(PointBlocks.From(x, weights), start, tolerance, maxIterations);

    private static MixtureResult? Run(PointBlocks x, GaussianMixture start, double tolerance, int maxIterations)
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
    private static double EStep(PointBlocks x, GaussianMixture mixture, double[] z)
    {
        var k = mixture.K;
        var width = PointBlocks.Width;
        var groupsPerBlock = Block / width;
        var blocks = (x.Groups + groupsPerBlock - 1) / groupsPerBlock;
        var partial = new double[blocks];
        Parallel.For(0, blocks, b =>
        {
            Span<Vector<double>> logs = stackalloc Vector<double>[k];
            double sum = 0;
            for (var g = b * groupsPerBlock; g < Math.Min(x.Groups, (b + 1) * groupsPerBlock); g++)
            {
                mixture.GroupLogDensities(x.Group(g), logs);
                for (var lane = 0; lane < width && g * width + lane < x.N; lane++)
                {
                    var i = g * width + lane;
                    var posteriors = z.AsSpan(i * k, k);
                    for (var c = 0; c < k; c++) posteriors[c] = logs[c][lane];
                    sum += x.Weight(i) * mixture.Normalise(posteriors, default);
                }
            }
            partial[b] = sum;
        });
        double total = 0;
        foreach (var p in partial) total += p;
        return total;
    }

    /// <summary>The maximum-likelihood parameters given posterior weights, or null when a component is empty or its covariance singular.</summary>
    private static GaussianMixture? MStep(PointBlocks x, double[] z, int k, CovarianceModel model)
    {
        var (d, width) = (x.D, PointBlocks.Width);
        var total = x.TotalWeight;
        var nk = new double[k];
        var means = new double[k][];
        var scatter = new double[k][];
        Parallel.For(0, k, c =>
        {
            // Each point's weight in this component, a group at a time: its posterior times its count (0 for padding and for a
            // negligible posterior).
            var weights = new Vector<double>[x.Groups];
            Span<double> lanes = stackalloc double[width];
            for (var g = 0; g < x.Groups; g++)
            {
                for (var lane = 0; lane < width; lane++)
                {
                    var i = g * width + lane;
                    var w = i < x.N ? z[i * k + c] : 0;
                    lanes[lane] = w < Negligible ? 0 : w * x.Weight(i);
                }
                weights[g] = new Vector<double>(lanes);
            }
            var sums = new Vector<double>[d];
            var weight = Vector<double>.Zero;
            for (var g = 0; g < x.Groups; g++)
            {
                var w = weights[g];
                if (w == Vector<double>.Zero) continue;
                weight += w;
                var xg = x.Group(g);
                for (var j = 0; j < d; j++) sums[j] += w * xg[j];
            }
            nk[c] = Vector.Sum(weight);
            if (nk[c] <= 0) return;
            var mean = sums.Select(s => Vector.Sum(s) / nk[c]).ToArray();
            // The lower triangle of Σ_i w_i (x_i − μ)(x_i − μ)ᵀ, one vector accumulator per entry.
            var triangle = d * (d + 1) / 2;
            Span<Vector<double>> entries = triangle <= 256 ? stackalloc Vector<double>[triangle] : new Vector<double>[triangle];
            Span<Vector<double>> centred = stackalloc Vector<double>[d];
            for (var g = 0; g < x.Groups; g++)
            {
                var w = weights[g];
                if (w == Vector<double>.Zero) continue;
                var xg = x.Group(g);
                for (var j = 0; j < d; j++) centred[j] = xg[j] - new Vector<double>(mean[j]);
                var e = 0;
                for (var a = 0; a < d; a++)
                {
                    var wa = w * centred[a];
                    for (var b = 0; b <= a; b++) entries[e++] += wa * centred[b];
                }
            }
            var s = new double[d * d];
            var t = 0;
            for (var a = 0; a < d; a++)
                for (var b = 0; b <= a; b++) s[a * d + b] = s[b * d + a] = Vector.Sum(entries[t++]);
            means[c] = mean;
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
