namespace Cohort.Contracts.Ingest;

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
