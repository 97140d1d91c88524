using MathNet.Numerics.LinearAlgebra;

namespace Cohort.Domain.Outcomes;

/// <summary>
/// Poisson regression of event counts with log person-time as offset, log E[events] = log(PY) + β₀ + Σ βⱼxⱼ, fitted by iteratively
/// reweighted least squares (Fisher scoring, as R's glm with family = poisson): z = η − offset + (y − μ)/μ, weights μ, solve
/// (XᵀWX)β = XᵀWz by Cholesky until the deviance changes by less than 1e-10 relative. Cells with no person-time are left out. A
/// design that does not identify a coefficient (a category with no person-time, collinear columns) is an error naming it.
/// </summary>
public static class PoissonRegression
{
    public static PoissonFit Fit(IReadOnlyList<PoissonCell> cells, IReadOnlyList<string>? names = null, int maxIterations = 50)
    {
        var rows = cells.Where(c => c.PersonYears > 0).ToArray();
        if (rows.Length == 0) throw new ArgumentException("no cell has person-time");
        var p = rows[0].Covariates.Length + 1;
        var x = Matrix<double>.Build.Dense(rows.Length, p, (i, j) => j == 0 ? 1 : rows[i].Covariates[j - 1]);
        var y = Vector<double>.Build.Dense(rows.Length, i => rows[i].Events);
        var offset = Vector<double>.Build.Dense(rows.Length, i => Math.Log(rows[i].PersonYears));
        // Start as glm does: μ = y + 0.1 (never 0), η = log μ.
        var mu = y.Map(v => v + 0.1);
        var eta = mu.PointwiseLog();
        var beta = Vector<double>.Build.Dense(p);
        var deviance = Deviance(y, mu);
        Matrix<double> information = Matrix<double>.Build.Dense(p, p);
        var iterations = 0;
        for (; iterations < maxIterations; iterations++)
        {
            var z = eta - offset + (y - mu).PointwiseDivide(mu);
            var xw = x.Clone();
            for (var i = 0; i < rows.Length; i++) xw.SetRow(i, x.Row(i) * mu[i]);
            information = x.TransposeThisAndMultiply(xw);
            var rhs = xw.TransposeThisAndMultiply(z);
            try { beta = information.Cholesky().Solve(rhs); }
            catch (ArgumentException) { throw new ArgumentException(Unidentified(information, names)); }
            if (beta.Any(b => !double.IsFinite(b))) throw new ArgumentException(Unidentified(information, names));
            eta = x * beta + offset;
            mu = eta.PointwiseExp();
            var next = Deviance(y, mu);
            var done = Math.Abs(next - deviance) / (Math.Abs(next) + 0.1) < 1e-10;
            deviance = next;
            if (done) { iterations++; break; }
        }
        // The information at the final μ.
        var w = x.Clone();
        for (var i = 0; i < rows.Length; i++) w.SetRow(i, x.Row(i) * mu[i]);
        information = x.TransposeThisAndMultiply(w);
        var covariance = information.Inverse();
        var se = Enumerable.Range(0, p).Select(j => Math.Sqrt(covariance[j, j])).ToArray();
        if (se.Any(s => !double.IsFinite(s) || s > 1e6)) throw new ArgumentException(Unidentified(information, names));
        return new PoissonFit(beta.ToArray(), se, deviance, rows.Length - p, iterations);
    }

    /// <summary>2 Σ [y log(y/μ) − (y − μ)], with y log y = 0 at y = 0.</summary>
    private static double Deviance(Vector<double> y, Vector<double> mu)
    {
        var d = 0.0;
        for (var i = 0; i < y.Count; i++) d += 2 * ((y[i] > 0 ? y[i] * Math.Log(y[i] / mu[i]) : 0) - (y[i] - mu[i]));
        return d;
    }

    private static string Unidentified(Matrix<double> information, IReadOnlyList<string>? names)
    {
        var weak = Enumerable.Range(0, information.RowCount).Where(j => !(information[j, j] > 1e-9)).Select(j => j == 0 ? "intercept" : names?[j - 1] ?? $"covariate {j}").ToArray();
        return weak.Length > 0
            ? $"the Poisson model cannot estimate {string.Join(", ", weak)}: no person-time in that group"
            : "the Poisson model's covariates are collinear: a group is fully determined by the others";
    }
}
