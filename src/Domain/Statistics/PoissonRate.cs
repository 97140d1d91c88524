namespace Cohort.Domain.Statistics;

/// <summary>
/// Incidence rates: events over person-time, with the exact Poisson interval of Garwood (1936):
/// lower = χ²(α/2; 2k)/2, upper = χ²(1 − α/2; 2k + 2)/2, divided by the person-time (lower is 0 when k = 0).
/// </summary>
public static class PoissonRate
{
    public static RateEstimate Exact(long events, double personYears, double per = 1000, double confidence = 0.95)
    {
        if (events < 0) throw new ArgumentOutOfRangeException(nameof(events), events, "must not be negative");
        if (!(personYears > 0)) return new(events, personYears, per, null, null, null, "exact Poisson (Garwood); undefined without person-time");
        var alpha = 1 - confidence;
        // χ²(p; ν)/2 is the p-quantile of Gamma(ν/2, 1).
        var lower = events == 0 ? 0 : SpecialFunctions.GammaQuantile(alpha / 2, events);
        var upper = SpecialFunctions.GammaQuantile(1 - alpha / 2, events + 1);
        return new(events, personYears, per, events / personYears * per, lower / personYears * per, upper / personYears * per, "exact Poisson (Garwood)");
    }
}
