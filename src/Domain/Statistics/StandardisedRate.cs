namespace Cohort.Domain.Statistics;

/// <summary>
/// Direct standardisation of counts treated as Poisson: band weights w_i = W_i / n_i (W renormalised over the bands given), rate
/// y = Σ w_i x_i, variance v = Σ w_i² x_i. The interval is the gamma interval of Fay &amp; Feuer (1997): lower = G⁻¹(α/2; y²/v, v/y)
/// (0 when y = 0), upper = G⁻¹(1 − α/2; (y + w_M)²/(v + w_M²), (v + w_M²)/(y + w_M)) with w_M the largest weight, or with
/// Tiwari et al.'s (2006) mean weight and mean squared weight. With no events the upper limit is still positive (w_M·ln(2/α)).
/// </summary>
public static class StandardisedRate
{
    public static StandardisedRateEstimate Compute(IReadOnlyList<StandardisedBand> bands, StandardisedIntervalMethod method = StandardisedIntervalMethod.FayFeuer,
        double confidence = 0.95)
    {
        if (bands.Count == 0) throw new ArgumentException("no bands to standardise over", nameof(bands));
        foreach (var b in bands)
            if (!(b.Exposure > 0) || b.Events < 0 || !(b.StandardShare > 0))
                throw new ArgumentOutOfRangeException(nameof(bands), b, "each band needs a positive standard share and exposure and no negative events");
        var shares = bands.Sum(b => b.StandardShare);
        var w = bands.Select(b => b.StandardShare / shares / b.Exposure).ToArray();
        double y = 0, v = 0;
        for (var i = 0; i < w.Length; i++)
        {
            y += w[i] * bands[i].Events;
            v += w[i] * w[i] * bands[i].Events;
        }
        var alpha = 1 - confidence;
        var lower = y > 0 ? Gamma(alpha / 2, y * y / v, v / y) : 0;
        var (add, addSquared) = method == StandardisedIntervalMethod.FayFeuer
            ? (w.Max(), w.Max() * w.Max())
            : (w.Average(), w.Average(x => x * x));
        var upper = Gamma(1 - alpha / 2, (y + add) * (y + add) / (v + addSquared), (v + addSquared) / (y + add));
        return new StandardisedRateEstimate(y, lower, upper, Math.Sqrt(v));
    }

    private static double Gamma(double p, double shape, double scale) => SpecialFunctions.GammaQuantile(p, shape) * scale;
}
