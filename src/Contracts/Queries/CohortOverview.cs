using Cohort.Contracts.Ingest;

namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ShardOverview")]
public sealed record ShardOverview(
    [property: Id(0)] long Participants,
    [property: Id(1)] long Visits,
    [property: Id(2)] long Observations,
    [property: Id(3)] long[] ObservationsByMarker,
    [property: Id(4)] long[] ParticipantsByCategory,
    [property: Id(5)] long[] ParticipantsByPhase,
    [property: Id(6)] long[]? ParticipantsByBaselineFlag = null)
{
    /// <summary>Cell key sums (mod 2³²) of the participants counted in each category, phase and flag (never released).</summary>
    [Id(7)] public uint[]? CategoryKeys { get; init; }
    [Id(8)] public uint[]? PhaseKeys { get; init; }
    [Id(9)] public uint[]? FlagKeys { get; init; }
}

/// <summary>
/// The cohort at a glance: sizes, markers present, baseline categories and phases (a category or phase below the suppression
/// threshold is left out, with the next smallest so that it cannot be worked out from the total), participants whose baseline visit
/// carries each flag (diagnosed, treated, on insulin, non-fasting, HbA1c unreliable, ...; small counts suppressed as null), and the
/// last ingest run.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CohortOverview")]
public sealed record CohortOverview(
    [property: Id(0)] long Participants,
    [property: Id(1)] long Visits,
    [property: Id(2)] long Observations,
    [property: Id(3)] IReadOnlyDictionary<string, long> ObservationsByMarker,
    [property: Id(4)] IReadOnlyDictionary<string, long> BaselineCategories,
    [property: Id(5)] IReadOnlyDictionary<string, long> BaselinePhases,
    [property: Id(6)] RunSummary? LastIngest,
    [property: Id(7)] int Shards,
    [property: Id(8)] FactorsView Factors,
    [property: Id(9)] IReadOnlyDictionary<string, long?>? BaselineFlags = null)
{
    /// <summary>How the breakdowns were released: "exact", or perturbed by the cell key method (the cohort's totals are exact).</summary>
    [Id(10)] public string Disclosure { get; init; } = "exact";
}

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.FactorsView")]
public sealed record FactorsView([property: Id(0)] double Glucose, [property: Id(1)] double Insulin, [property: Id(2)] string RuleSet, [property: Id(3)] string PhaseCutoff);
