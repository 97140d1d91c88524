namespace Cohort.Contracts.Ingest;

/// <summary>
/// A scheduled ingest: a 5-field cron expression in an IANA time zone, the observation files to pick up (a directory and a file-name
/// pattern, under a configured ingest root), the participants file (for the long layout, or a wide mapping without demographics),
/// the layout and mapping, and the run's reject threshold.
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
    [property: Id(7)] string TimeZone = "UTC");

/// <summary>A schedule with its last and next run.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.ScheduleView")]
public sealed record ScheduleView(
    [property: Id(0)] ScheduleDefinition Definition,
    [property: Id(1)] DateTime CreatedAt,
    [property: Id(2)] DateTime? LastTickAt,
    [property: Id(3)] string? LastRunId,
    [property: Id(4)] string? LastStatus,
    [property: Id(5)] DateTime? NextRunAt,
    [property: Id(6)] int FilesIngested,
    [property: Id(7)] DateTime? RunningSince);

/// <summary>Work a schedule claimed: the due tick it covers (the latest one when ticks were missed) and files already ingested (path → SHA-256).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.ScheduleClaim")]
public sealed record ScheduleClaim(
    [property: Id(0)] ScheduleDefinition Definition,
    [property: Id(1)] DateTime DueAt,
    [property: Id(2)] IReadOnlyDictionary<string, string> Ingested);

/// <summary>A refused schedule or ingest request; the message names the field and what is wrong.</summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Ingest.ScheduleException")]
public sealed class ScheduleException(string message) : Exception(message);
