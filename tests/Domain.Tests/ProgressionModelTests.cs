using Cohort.Domain.Progression;
using Cohort.Domain.Statistics;

namespace Cohort.Domain.Tests;

/// <summary>
/// The hidden Markov progression model: its likelihood equals brute-force enumeration of the hidden paths, EM never lowers it, and on
/// sequences simulated from known parameters (seeded) it recovers the transition and misclassification matrices.
/// </summary>
public sealed class ProgressionModelTests
{
    private static readonly double[] Pi = [0.5, 0.3, 0.2];
    private static readonly double[,] P = { { 0.90, 0.07, 0.03 }, { 0, 0.85, 0.15 }, { 0, 0, 1 } };
    private static readonly double[,] E = { { 0.85, 0.12, 0.03 }, { 0.15, 0.75, 0.10 }, { 0.02, 0.08, 0.90 } };

    [Fact]
    public void The_likelihood_is_the_sum_over_every_hidden_path()
    {
        int[] observed = [0, 1, -1, 2];
        double brute = 0;
        foreach (var path in Paths(3, observed.Length))
        {
            var pr = Pi[path[0]];
            for (var k = 0; k < path.Length; k++)
            {
                if (k > 0) pr *= P[path[k - 1], path[k]];
                if (observed[k] >= 0) pr *= E[path[k], observed[k]];
            }
            brute += pr;
        }
        Assert.Equal(Math.Log(brute), HiddenMarkovProgression.LogLikelihood(observed, Pi, P, E), 1e-12);
    }

    private static IEnumerable<int[]> Paths(int states, int length) => length == 0 ? [[]]
        : Paths(states, length - 1).SelectMany(p => Enumerable.Range(0, states).Select(s => (int[])[.. p, s]));

    private static ObservedSequence[] Simulate(int people, int visits, int seed)
    {
        var rng = new Random(seed);
        int Draw(Func<int, double> probability)
        {
            var u = rng.NextDouble();
            for (var s = 0; s < 3; s++) if ((u -= probability(s)) < 0) return s;
            return 2;
        }
        var counts = new Dictionary<string, (int[] States, double Count)>();
        for (var i = 0; i < people; i++)
        {
            var truth = Draw(s => Pi[s]);
            var seen = new int[visits];
            for (var k = 0; k < visits; k++)
            {
                if (k > 0) { var from = truth; truth = Draw(s => P[from, s]); }
                var t = truth;
                seen[k] = rng.NextDouble() < 0.05 ? -1 : Draw(s => E[t, s]);
            }
            var key = string.Join(",", seen);
            counts[key] = (seen, counts.GetValueOrDefault(key).Count + 1);
        }
        return counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new ObservedSequence(kv.Value.States, kv.Value.Count)).ToArray();
    }

    [Fact]
    public void Em_recovers_the_parameters_that_generated_the_sequences()
    {
        var fit = HiddenMarkovProgression.Fit(Simulate(40_000, 4, seed: 7), 3);
        Assert.True(fit.Converged);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(P[i, j], fit.Transition[i, j], 0.015);
                Assert.Equal(E[i, j], fit.Misclassification[i, j], 0.03);
            }
        Assert.Equal(-Math.Log(0.90), fit.RateOutOf(0, 1.0), 0.02);
    }

    [Fact]
    public void Em_never_lowers_the_likelihood_and_gives_the_same_fit_twice()
    {
        var data = Simulate(2_000, 4, seed: 3);
        var previous = double.NegativeInfinity;
        for (var iterations = 1; iterations <= 30; iterations += 3)
        {
            var fit = HiddenMarkovProgression.Fit(data, 3, maxIterations: iterations, tolerance: 0);
            Assert.True(fit.LogLikelihood >= previous - 1e-9, $"log-likelihood fell to {fit.LogLikelihood} after {iterations} iterations");
            previous = fit.LogLikelihood;
        }
        var a = HiddenMarkovProgression.Fit(data, 3);
        var b = HiddenMarkovProgression.Fit(data, 3);
        Assert.Equal(a.LogLikelihood, b.LogLikelihood);
        Assert.Equal(a.Transition, b.Transition);
    }

    [Fact]
    public void The_bootstrap_interval_contains_the_rate_and_is_reproducible()
    {
        var data = Simulate(3_000, 4, seed: 11);
        var a = ProgressionBootstrap.Rates(data, 3, 1.0, resamples: 40).Rates[0];
        var b = ProgressionBootstrap.Rates(data, 3, 1.0, resamples: 40).Rates[0];
        Assert.Equal(a, b);
        Assert.InRange(a.Rate, a.Lower, a.Upper);
        Assert.InRange(-Math.Log(0.90), a.Lower - 0.01, a.Upper + 0.01);
    }
}

/// <summary>Confirmed moves: by the next visit, by a change beyond the minimum detectable change, or by a recorded diagnosis.</summary>
public sealed class TransitionConfirmationTests
{
    private static VisitEvidence V(double glucose, double homa = double.NaN, bool diagnosed = false) => new(glucose, homa, diagnosed);

    [Fact]
    public void Minimum_detectable_changes_are_the_log_scale_figures_for_poons_cvs()
    {
        Assert.Equal(0.168, RelativeMinimumDetectableChange.FastingGlucose.Rise, 1e-3);
        Assert.Equal(-0.144, RelativeMinimumDetectableChange.FastingGlucose.Fall, 1e-3);
        Assert.Equal(1.280, RelativeMinimumDetectableChange.HomaIr.Rise, 1e-3);
        Assert.Equal(-0.561, RelativeMinimumDetectableChange.HomaIr.Fall, 1e-3);
    }

    [Fact]
    public void A_move_the_next_visit_repeats_is_confirmed_one_it_reverses_is_not()
    {
        // Phases: 1 normal, 2 compensated, 3 intermediate, 4 diabetes-range.
        Assert.True(TransitionConfirmation.Confirms(1, 3, 3, V(5.4), V(5.7), phases: true));
        Assert.True(TransitionConfirmation.Confirms(1, 3, 2, V(5.4), V(5.7), phases: true));   // still worse than normal
        Assert.False(TransitionConfirmation.Confirms(1, 3, 1, V(5.4), V(5.7), phases: true));
        Assert.False(TransitionConfirmation.Confirms(1, 3, null, V(5.4), V(5.7), phases: true));
        Assert.True(TransitionConfirmation.Confirms(3, 1, 1, V(5.8), V(5.5), phases: true));
        Assert.False(TransitionConfirmation.Confirms(3, 1, 3, V(5.8), V(5.5), phases: true));
    }

    [Fact]
    public void A_change_beyond_the_noise_or_a_new_diagnosis_confirms_without_a_next_visit()
    {
        Assert.True(TransitionConfirmation.Confirms(1, 3, null, V(5.0), V(6.0), phases: true));          // +20% glucose
        Assert.False(TransitionConfirmation.Confirms(1, 3, null, V(5.4), V(5.8), phases: true));         // +7%: within noise
        Assert.True(TransitionConfirmation.Confirms(1, 2, null, V(5.0, 1.0), V(5.0, 2.6), phases: true)); // HOMA-IR +160%
        Assert.False(TransitionConfirmation.Confirms(1, 2, null, V(4.0, 2.0), V(5.0, 2.6), phases: true)); // HOMA-IR +30%
        Assert.True(TransitionConfirmation.Confirms(3, 4, null, V(6.5), V(6.6, diagnosed: true), phases: true));
        Assert.False(TransitionConfirmation.Confirms(0, 3, 3, V(5.0), V(6.5), phases: true));            // unknown start
    }
}

/// <summary>Cluster stability in Hennig's words.</summary>
public sealed class ClusterStabilityTests
{
    [Theory]
    [InlineData(0.80, "stable")]
    [InlineData(0.75, "stable")]
    [InlineData(0.70, "a pattern; which participants belong to it is doubtful")]
    [InlineData(0.55, "not to be trusted")]
    [InlineData(0.50, "dissolved")]
    [InlineData(0.30, "dissolved")]
    public void Jaccard_bands_read_as_hennig_writes_them(double jaccard, string reading) =>
        Assert.Equal(reading, Cohort.Domain.Phenotypes.ClusterStability.Reading(jaccard));
}
