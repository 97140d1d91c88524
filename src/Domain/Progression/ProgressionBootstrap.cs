namespace Cohort.Domain.Progression;

/// <summary>
/// A percentile interval for a hidden Markov progression rate by the nonparametric bootstrap over participants: each resample draws
/// as many participants as were observed, with replacement (a multinomial over the distinct sequences), and refits from the full
/// fit. The generator is seeded, so the same data give the same interval.
/// </summary>
public static class ProgressionBootstrap
{
    /// <summary>The fit and, for each state short of the worst, its rate out with a percentile interval (the worst state's is NaN).</summary>
    public static (ProgressionFit Fit, BootstrapRate[] Rates) Rates(IReadOnlyList<ObservedSequence> sequences, int states, double meanIntervalYears,
        int resamples = 100, int seed = 20261201, double confidence = 0.95)
    {
        var fit = HiddenMarkovProgression.Fit(sequences, states);
        var counts = sequences.Select(s => s.Count).ToArray();
        var n = (long)Math.Round(counts.Sum());
        var draws = new double[states - 1][];
        for (var s = 0; s < states - 1; s++) draws[s] = new double[Math.Max(0, resamples)];
        if (n > 0 && resamples >= 2)
        {
            var cumulative = new double[counts.Length];
            var sum = 0.0;
            for (var i = 0; i < counts.Length; i++) cumulative[i] = sum += counts[i];
            var rng = new Random(seed);
            for (var r = 0; r < resamples; r++)
            {
                var drawn = new double[counts.Length];
                for (long k = 0; k < n; k++)
                {
                    var at = Array.BinarySearch(cumulative, rng.NextDouble() * sum);
                    drawn[Math.Min(at < 0 ? ~at : at + 1, counts.Length - 1)]++;
                }
                var refit = HiddenMarkovProgression.Fit(sequences.Select((q, i) => q with { Count = drawn[i] }).ToArray(), states, maxIterations: 500, tolerance: 1e-8, start: fit);
                for (var s = 0; s < states - 1; s++) draws[s][r] = refit.RateOutOf(s, meanIntervalYears);
            }
        }
        var rates = Enumerable.Range(0, states).Select(s =>
        {
            if (s == states - 1) return new BootstrapRate(double.NaN, double.NaN, double.NaN, 0);
            var rate = fit.RateOutOf(s, meanIntervalYears);
            if (n == 0 || resamples < 2) return new BootstrapRate(rate, double.NaN, double.NaN, 0);
            var sorted = draws[s].Order().ToArray();
            double Quantile(double q) => sorted[(int)Math.Clamp(Math.Round(q * (resamples - 1)), 0, resamples - 1)];
            return new BootstrapRate(rate, Quantile((1 - confidence) / 2), Quantile(1 - (1 - confidence) / 2), resamples);
        }).ToArray();
        return (fit, rates);
    }
}
