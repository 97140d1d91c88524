namespace Cohort.Domain.Outcomes;

/// <summary>
/// The Kaplan–Meier estimate of survival free of an event, with Greenwood's variance and the log-log interval (Kalbfleisch and
/// Prentice; R's survfit with conf.type = "log-log"): S(t) = Π (1 − dᵢ/nᵢ), var(log S) = Σ dᵢ / (nᵢ(nᵢ − dᵢ)),
/// limits exp(−exp(log(−log S) ± z·se/log S)). Censoring at a time counts the censored as at risk at that time (events first).
/// </summary>
public static class KaplanMeier
{
    /// <param name="times">Each participant's follow-up time and whether it ended with the event (else censored).</param>
    public static IReadOnlyList<SurvivalStep> Estimate(IEnumerable<(double Time, bool Event)> times, double confidence = 0.95) =>
        Estimate(times.GroupBy(t => t.Time).Select(g => (g.Key, (long)g.Count(x => x.Event), (long)g.Count(x => !x.Event))), confidence);

    /// <param name="counts">Events and censorings at each distinct time (any order).</param>
    public static IReadOnlyList<SurvivalStep> Estimate(IEnumerable<(double Time, long Events, long Censored)> counts, double confidence = 0.95)
    {
        var ordered = counts.OrderBy(c => c.Time).ToArray();
        var atRisk = ordered.Sum(c => c.Events + c.Censored);
        var z = Statistics.SpecialFunctions.NormalQuantile(1 - (1 - confidence) / 2);
        double survival = 1, variance = 0;
        var steps = new List<SurvivalStep>();
        foreach (var (time, events, censored) in ordered)
        {
            if (events > 0 && atRisk > 0)
            {
                survival *= 1 - (double)events / atRisk;
                variance += atRisk > events ? events / ((double)atRisk * (atRisk - events)) : double.PositiveInfinity;
                var (lower, upper) = Interval(survival, Math.Sqrt(variance), z);
                steps.Add(new SurvivalStep(time, atRisk, events, survival, lower, upper));
            }
            atRisk -= events + censored;
        }
        return steps;
    }

    /// <summary>The log-log interval of a survival <paramref name="s"/> with standard error <paramref name="se"/> of log S (NaN at S = 0 or 1).</summary>
    public static (double Lower, double Upper) Interval(double s, double se, double z)
    {
        if (s <= 0 || s >= 1 || !double.IsFinite(se)) return (double.NaN, double.NaN);
        var ll = Math.Log(-Math.Log(s));
        var spread = z * se / Math.Log(s);
        return (Math.Exp(-Math.Exp(ll - spread)), Math.Exp(-Math.Exp(ll + spread)));
    }

    /// <summary>The survival just after <paramref name="time"/>: the last step at or before it (1 before the first).</summary>
    public static SurvivalStep? At(IReadOnlyList<SurvivalStep> steps, double time)
    {
        SurvivalStep? last = null;
        foreach (var s in steps)
        {
            if (s.Time > time) break;
            last = s;
        }
        return last;
    }
}
