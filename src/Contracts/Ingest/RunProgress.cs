namespace Cohort.Contracts.Ingest;

/// <summary>
/// A run that is still going, as its runner last reported it: the phase ("writing", which validates as it reads; an events run
/// validates first), rows done of the phase's total, and when it started and last reported. Kept in memory by the runs grain until the run is recorded.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.RunProgress")]
public sealed record RunProgress(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Trigger,
    [property: Id(2)] DateTime StartedAt,
    [property: Id(3)] string Phase,
    [property: Id(4)] long RowsDone,
    [property: Id(5)] long RowsTotal,
    [property: Id(6)] DateTime ReportedAt);
