namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// How clearly participants belong to their phenotype under a mixture: the mean of each participant's top membership probability, the
/// normalised entropy E = 1 − Σ_i Σ_k (−z_ik ln z_ik) / (n ln k) (1 = every participant certain, 0 = every participant equally
/// likely to be in any cluster), and how many are uncertain: their top probability is below <see cref="UncertainBelow"/>. Uncertain
/// participants keep their most probable phenotype; they are counted so that a reader knows how many sit between clusters.
/// </summary>
public sealed record Membership(double MeanTopProbability, double Entropy, long Uncertain, long N)
{
    /// <summary>The stated level: a participant whose most probable cluster has a probability below 0.8 is "uncertain".</summary>
    public const double UncertainBelow = 0.8;

    public double UncertainShare => N == 0 ? double.NaN : (double)Uncertain / N;

    public static Membership Of(ReadOnlySpan<double> posteriors, int k)
    {
        var n = posteriors.Length / k;
        double top = 0, entropy = 0;
        long uncertain = 0;
        for (var i = 0; i < n; i++)
        {
            var row = posteriors.Slice(i * k, k);
            var best = 0.0;
            foreach (var p in row)
            {
                best = Math.Max(best, p);
                if (p > 0) entropy -= p * Math.Log(p);
            }
            top += best;
            if (best < UncertainBelow) uncertain++;
        }
        var normalised = k < 2 || n == 0 ? 1 : 1 - entropy / (n * Math.Log(k));
        return new Membership(n == 0 ? double.NaN : top / n, normalised, uncertain, n);
    }
}
