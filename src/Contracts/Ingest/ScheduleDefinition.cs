namespace Cohort.Contracts.Ingest;

/// <summary>
/// A scheduled ingest: a 5-field cron expression in an IANA time zone, the observation files to pick up (a directory and a file-name
/// pattern, under a configured ingest root), the participants file (for the long layout, or a wide mapping without demographics),
/// the layout and mapping, the run's reject threshold, and its pace (at most this many file rows a second, or null: unpaced).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.ScheduleDefinition")]
public sealed record ScheduleDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Cron,
    [property: Id(2)] string Path,
    [property: Id(3)] string? Participants = null,
    [property: Id(4)] string Layout = "long",
    [property: Id(5)] string? Mapping = null,
    [property: Id(6)] double RejectThreshold = 0.01,
    [property: Id(7)] string TimeZone = "UTC",
    [property: Id(8)] long? MaxRowsPerSecond = null);
