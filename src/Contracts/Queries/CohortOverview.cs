using Cohort.Contracts.Ingest;

namespace Cohort.Contracts.Queries;

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
