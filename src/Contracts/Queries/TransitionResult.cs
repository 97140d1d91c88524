namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.TransitionResult")]
public sealed record TransitionResult(
    [property: Id(0)] string Kind,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] TransitionTable Overall,
    [property: Id(4)] IReadOnlyList<TransitionTable> ByPhenotype,
    [property: Id(5)] long? WithoutBothVisits,
    [property: Id(6)] string RateMethod,
    [property: Id(7)] Provenance Provenance)
{
    /// <summary>"exact", or how the counts, person-years and rates were perturbed (cell key method).</summary>
    [Id(8)] public string Disclosure { get; init; } = "exact";

    /// <summary>Progression net of misclassification (a hidden Markov model over all visits), beside the raw and confirmed counts.</summary>
    [Id(9)] public ProgressionModelView? Model { get; init; }
}
