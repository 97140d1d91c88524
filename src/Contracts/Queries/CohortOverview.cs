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
public sealed record CohortOverview
{
    [Id(0)] public required long Participants { get; init; }
    [Id(1)] public required long Visits { get; init; }
    [Id(2)] public required long Observations { get; init; }
    [Id(3)] public required IReadOnlyDictionary<string, long> ObservationsByMarker { get; init; }
    [Id(4)] public required IReadOnlyDictionary<string, long> BaselineCategories { get; init; }
    [Id(5)] public required IReadOnlyDictionary<string, long> BaselinePhases { get; init; }
    [Id(6)] public required RunSummary? LastIngest { get; init; }
    [Id(7)] public required int Shards { get; init; }
    [Id(8)] public required FactorsView Factors { get; init; }
    [Id(9)] public IReadOnlyDictionary<string, long?>? BaselineFlags { get; init; }

    /// <summary>How the breakdowns were released: "exact", or perturbed by the cell key method (the cohort's totals are exact).</summary>
    [Id(10)] public string Disclosure { get; init; } = "exact";

    /// <summary>Ingest runs still going (the numbers above do not include them yet), with how far each is.</summary>
    [Id(11)] public IReadOnlyList<Ingest.RunProgress> InProgress { get; init; } = [];
}
