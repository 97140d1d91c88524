namespace Cohort.Contracts.Queries;

/// <summary>
/// Progression net of misclassification: a progressive hidden Markov model fitted to every kept participant's states over all their
/// visits. Rates out of each state per 1,000 person-years with bootstrap 95% intervals, the per-interval transition matrix and the
/// misclassification matrix (row: true state, column: observed), the assumptions, or why it could not be fitted.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ProgressionModelView")]
public sealed record ProgressionModelView
{
    [Id(0)] public required IReadOnlyList<string> States { get; init; }
    [Id(1)] public required IReadOnlyList<double?> RatesPer1000 { get; init; }
    [Id(2)] public required IReadOnlyList<double?> Lower { get; init; }
    [Id(3)] public required IReadOnlyList<double?> Upper { get; init; }
    [Id(4)] public required IReadOnlyList<IReadOnlyList<double>> Transition { get; init; }
    [Id(5)] public required IReadOnlyList<IReadOnlyList<double>> Misclassification { get; init; }
    [Id(6)] public required double MeanIntervalYears { get; init; }
    [Id(7)] public required long? Participants { get; init; }
    [Id(8)] public required string Assumptions { get; init; }
    [Id(9)] public required bool Converged { get; init; }
    [Id(10)] public required int Resamples { get; init; }
    [Id(11)] public required string? UndefinedReason { get; init; }
}
