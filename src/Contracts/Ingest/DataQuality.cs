namespace Cohort.Contracts.Ingest;

/// <summary>
/// One marker's rows in a run, counted by what became of them: accepted (of which flagged implausible), and rejected for completeness
/// (a required field empty), conformance (unit, number or OGTT minute not as the layout requires) or plausibility (impossible value).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.MarkerQuality")]
public sealed record MarkerQuality(
    [property: Id(0)] string Marker,
    [property: Id(1)] long Rows,
    [property: Id(2)] long Accepted,
    [property: Id(3)] long Flagged,
    [property: Id(4)] long Incomplete,
    [property: Id(5)] long Nonconformant,
    [property: Id(6)] long Impossible);

/// <summary>
/// One data-quality check in the Kahn framework's terms (completeness, conformance, plausibility): what was observed against which
/// effective threshold, and whether it passed. <see cref="Id"/> is stable across runs ("plausibility:glucose:impossible").
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.QualityCheck")]
public sealed record QualityCheck(
    [property: Id(0)] string Id,
    [property: Id(1)] string Category,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Description,
    [property: Id(4)] double Observed,
    [property: Id(5)] double Threshold,
    [property: Id(6)] bool Passed);

/// <summary>Failed checks compared with the previous run from the same source (schedule, or manual runs): new, resolved and persisting.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.QualityDiff")]
public sealed record QualityDiff(
    [property: Id(0)] string? PreviousRunId,
    [property: Id(1)] IReadOnlyList<string> New,
    [property: Id(2)] IReadOnlyList<string> Resolved,
    [property: Id(3)] IReadOnlyList<string> Persisting);

/// <summary>A run's data-quality results: per marker counts, the checks, and the comparison with the previous run.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.DataQualityReport")]
public sealed record DataQualityReport(
    [property: Id(0)] IReadOnlyList<MarkerQuality> Markers,
    [property: Id(1)] IReadOnlyList<QualityCheck> Checks,
    [property: Id(2)] QualityDiff? Diff);
