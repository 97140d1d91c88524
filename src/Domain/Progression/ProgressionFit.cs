namespace Cohort.Domain.Progression;

/// <summary>
/// A fitted progressive hidden Markov model: the initial distribution of true states, the per-interval transition matrix (moves to a
/// better state are not allowed: true progression only goes one way, and apparent regressions are misclassification), and the
/// misclassification matrix E (row: true state, column: observed state).
/// </summary>
public sealed record ProgressionFit(
    IReadOnlyList<double> Initial,
    double[,] Transition,
    double[,] Misclassification,
    double LogLikelihood,
    int Iterations,
    bool Converged)
{
    /// <summary>The annual rate of leaving <paramref name="state"/> for a worse one: −ln P(stay) over the mean interval in years.</summary>
    public double RateOutOf(int state, double meanIntervalYears) =>
        meanIntervalYears > 0 ? -Math.Log(Math.Max(Transition[state, state], 1e-300)) / meanIntervalYears : double.NaN;
}
