namespace Cohort.Domain.Statistics;

/// <summary>
/// Confidence intervals for a binomial proportion: Wilson's score interval (Cohort's default; good coverage at small n) and the exact
/// Clopper–Pearson interval (conservative; what R's binom.test reports).
/// </summary>
public static class ProportionInterval
{
    public static ProportionEstimate Compute(long successes, long total, IntervalMethod method = IntervalMethod.Wilson, double confidence = 0.95) =>
        method == IntervalMethod.Wilson ? Wilson(successes, total, confidence) : ClopperPearson(successes, total, confidence);

    public static ProportionEstimate Wilson(long successes, long total, double confidence = 0.95)
    {
        Validate(successes, total, confidence);
        var (lower, upper) = WilsonBounds((double)successes / total, total, confidence);
        return new(successes, total, (double)successes / total, lower, upper, IntervalMethod.Wilson, confidence);
    }

    /// <summary>
    /// Wilson's bounds for a proportion <paramref name="p"/> on an effective sample size <paramref name="n"/> that need not be a whole
    /// number (a survey-weighted proportion on Kish's effective n).
    /// </summary>
    public static (double Lower, double Upper) WilsonBounds(double p, double n, double confidence = 0.95)
    {
        if (!(n > 0)) throw new ArgumentOutOfRangeException(nameof(n), n, "a proportion needs a positive sample size");
        var z = SpecialFunctions.NormalQuantile(1 - (1 - confidence) / 2);
        double x = p * n, z2 = z * z;
        var centre = (x + z2 / 2) / (n + z2);
        var half = z / (n + z2) * Math.Sqrt(Math.Max(0, x * (n - x) / n) + z2 / 4);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public static ProportionEstimate ClopperPearson(long successes, long total, double confidence = 0.95)
    {
        Validate(successes, total, confidence);
        var alpha = 1 - confidence;
        double x = successes, n = total;
        var lower = successes == 0 ? 0 : SpecialFunctions.BetaQuantile(alpha / 2, x, n - x + 1);
        var upper = successes == total ? 1 : SpecialFunctions.BetaQuantile(1 - alpha / 2, x + 1, n - x);
        return new(successes, total, x / n, lower, upper, IntervalMethod.ClopperPearson, confidence);
    }

    private static void Validate(long successes, long total, double confidence)
    {
        if (total <= 0) throw new ArgumentOutOfRangeException(nameof(total), total, "a proportion needs a positive denominator");
        if (successes < 0 || successes > total) throw new ArgumentOutOfRangeException(nameof(successes), successes, $"must lie in 0..{total}");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "must lie strictly between 0 and 1");
    }
}
