namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// The evidence for one (family, k) on the selection sample: log-likelihood, BIC, ICL, the share of the smallest cluster (by most
/// probable membership), the normalised entropy and mean top probability; <see cref="Fitted"/> is false when every start became
/// singular (no BIC, as in mclust).
/// </summary>
public sealed record MixtureCandidate(CovarianceModel Model, int K, bool Fitted, double LogLikelihood, double Bic, double Icl,
    double SmallestShare, double Entropy, double MeanTopProbability)
{
    public static MixtureCandidate Failed(CovarianceModel model, int k) => new(model, k, false, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public static MixtureCandidate Of(MixtureResult fit)
    {
        var sizes = new int[fit.K];
        foreach (var c in fit.Map()) sizes[c]++;
        var membership = fit.Membership();
        return new MixtureCandidate(fit.Mixture.Model, fit.K, true, fit.LogLikelihood, fit.Bic, fit.Icl, (double)sizes.Min() / fit.N,
            membership.Entropy, membership.MeanTopProbability);
    }

    public string Name => $"{Model.Code()},{K}";
}
