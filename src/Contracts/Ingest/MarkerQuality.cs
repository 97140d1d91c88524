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
