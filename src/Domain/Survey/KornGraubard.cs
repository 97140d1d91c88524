using Cohort.Domain.Statistics;

namespace Cohort.Domain.Survey;

/// <summary>
/// The Korn–Graubard (1998) interval for a proportion from complex survey data, in the form NCHS publishes NHANES estimates with:
/// the effective sample size n_eff = p(1 − p)/v, adjusted for the design's degrees of freedom by (t_{n−1} / t_df)², is read as a
/// binomial sample and given the Clopper–Pearson interval with non-integer counts x* = n*·p:
/// lower = Beta⁻¹(α/2; x*, n* − x* + 1), upper = Beta⁻¹(1 − α/2; x* + 1, n* − x*). NCHS's variant caps n_eff and n* at the sample
/// size n and uses n when p is 0 or 1 (where the variance is 0); with neither cap binding this is R's <c>svyciprop(method = "beta")</c>.
/// </summary>
public static class KornGraubard
{
    public static KornGraubardInterval Interval(double p, double variance, long n, int degreesOfFreedom, double confidence = 0.95)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "the sample size must be positive");
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "a proportion lies in [0, 1]");
        var alpha = 1 - confidence;
        var nEff = p is 0 or 1 || !(variance > 0) ? n : Math.Min(n, p * (1 - p) / variance);
        var adjusted = nEff;
        if (degreesOfFreedom > 0 && n > 1)
        {
            var ratio = SpecialFunctions.StudentTQuantile(1 - alpha / 2, n - 1) / SpecialFunctions.StudentTQuantile(1 - alpha / 2, degreesOfFreedom);
            adjusted = Math.Min(n, nEff * ratio * ratio);
        }
        if (p == 0) adjusted = n;
        var x = adjusted * p;
        var lower = x <= 0 ? 0 : SpecialFunctions.BetaQuantile(alpha / 2, x, adjusted - x + 1);
        var upper = adjusted - x <= 0 ? 1 : SpecialFunctions.BetaQuantile(1 - alpha / 2, x + 1, adjusted - x);
        return new KornGraubardInterval(lower, upper, nEff, adjusted);
    }
}
