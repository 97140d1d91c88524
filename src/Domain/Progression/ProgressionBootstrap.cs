namespace Cohort.Domain.Progression;

/// <summary>A rate out of one state with its bootstrap percentile interval.</summary>
public readonly record struct BootstrapRate(double Rate, double Lower, double Upper, int Resamples);

/// <summary>
/// A percentile interval for a hidden Markov progression rate by the nonparametric bootstrap over participants: each resample draws
/// as many participants as were observed, with replacement (a multinomial over the distinct sequences), and refits from the full
/// fit. The generator is seeded, so the same data give the same interval.
/// </summary>
public static class ProgressionBootstrap
{
    public static BootstrapRate RateOutOf(IReadOnlyList<ObservedSequence> sequences, int states, int state, double meanIntervalYears,
        int resamples = 100, int seed = 20261201, double confidence = 0.95)
    {
        var fit = HiddenMarkovProgression.Fit(sequences, states);
        var rate = fit.RateOutOf(state, meanIntervalYears);
        var counts = sequences.Select(s => s.Count).ToArray();
        var n = (long)Math.Round(counts.Sum());
        if (n == 0 || resamples < 2) return new BootstrapRate(rate, double.NaN, double.NaN, 0);
        var cumulative = new double[counts.Length];
        for (double sum = 0, i = 0; i < counts.Length; i++) cumulative[(int)i] = sum += counts[(int)i];
        var rng = new Random(seed);
        var rates = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var drawn = new double[counts.Length];
            for (long k = 0; k < n; k++)
            {
                var u = rng.NextDouble() * cumulative[^1];
                var at = Array.BinarySearch(cumulative, u);
                drawn[at < 0 ? ~at : Math.Min(at + 1, counts.Length - 1)]++;
            }
            var resample = sequences.Select((s, i) => s with { Count = drawn[i] }).ToArray();
            rates[r] = HiddenMarkovProgression.Fit(resample, states, maxIterations: 500, tolerance: 1e-8, start: fit).RateOutOf(state, meanIntervalYears);
        }
        Array.Sort(rates);
        double Quantile(double q) => rates[(int)Math.Clamp(Math.Round(q * (resamples - 1)), 0, resamples - 1)];
        return new BootstrapRate(rate, Quantile((1 - confidence) / 2), Quantile(1 - (1 - confidence) / 2), resamples);
    }
}
