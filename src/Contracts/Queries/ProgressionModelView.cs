namespace Cohort.Contracts.Queries;

/// <summary>
/// Progression net of misclassification: a progressive hidden Markov model fitted to every kept participant's states over all their
/// visits. Rates out of each state per 1,000 person-years with bootstrap 95% intervals, the per-interval transition matrix and the
/// misclassification matrix (row: true state, column: observed), the assumptions, or why it could not be fitted.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ProgressionModelView")]
public sealed record ProgressionModelView(
    [property: Id(0)] IReadOnlyList<string> States,
    [property: Id(1)] IReadOnlyList<double?> RatesPer1000,
    [property: Id(2)] IReadOnlyList<double?> Lower,
    [property: Id(3)] IReadOnlyList<double?> Upper,
    [property: Id(4)] IReadOnlyList<IReadOnlyList<double>> Transition,
    [property: Id(5)] IReadOnlyList<IReadOnlyList<double>> Misclassification,
    [property: Id(6)] double MeanIntervalYears,
    [property: Id(7)] long? Participants,
    [property: Id(8)] string Assumptions,
    [property: Id(9)] bool Converged,
    [property: Id(10)] int Resamples,
    [property: Id(11)] string? UndefinedReason);
