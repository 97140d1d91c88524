namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// A converged (or stopped) EM fit: the mixture, its log-likelihood, the posterior probabilities of the points it was fitted on (n × k,
/// row-major), the iterations taken and whether the tolerance was met. The criteria are mclust's: BIC = 2 logL − ν ln n (larger is
/// better) and ICL = BIC + 2 Σ_i ln z_i,MAP (the hard-assignment entropy penalty; Biernacki, Celeux and Govaert 2000).
/// </summary>
public sealed record MixtureResult(GaussianMixture Mixture, double LogLikelihood, double[] Posteriors, int Iterations, bool Converged, int N)
{
    public int K => Mixture.K;
    public int Parameters => Mixture.Model.Parameters(Mixture.Dimensions, K);
    public double Bic => 2 * LogLikelihood - Parameters * Math.Log(N);
    public double Icl
    {
        get
        {
            double s = 0;
            for (var i = 0; i < N; i++) s += Math.Log(Math.Max(Top(i), double.Epsilon));
            return Bic + 2 * s;
        }
    }

    /// <summary>Each point's most probable component (ties to the lower index).</summary>
    public int[] Map()
    {
        var map = new int[N];
        for (var i = 0; i < N; i++)
        {
            var best = 0;
            for (var c = 1; c < K; c++) if (Posteriors[i * K + c] > Posteriors[i * K + best]) best = c;
            map[i] = best;
        }
        return map;
    }

    private double Top(int i)
    {
        var top = 0.0;
        for (var c = 0; c < K; c++) top = Math.Max(top, Posteriors[i * K + c]);
        return top;
    }

    /// <summary>How clearly the points belong: mean top probability, normalised entropy and how many are uncertain.</summary>
    public Membership Membership() => Mixtures.Membership.Of(Posteriors, K);
}
