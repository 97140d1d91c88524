using Cohort.Contracts.Access;
namespace Cohort.Contracts.Ingest;

/// <summary>
/// A scheduled ingest: a 5-field cron expression in an IANA time zone, the observation files to pick up (a directory and a file-name
/// pattern, under a configured ingest root), the participants file (for the long layout, or a wide mapping without demographics),
/// the layout and mapping, and the run's reject threshold.
/// </summary>
[GenerateSerializer, Immutable]
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
public sealed record ScheduleClaim(
    [property: Id(0)] ScheduleDefinition Definition,
    [property: Id(1)] DateTime DueAt,
    [property: Id(2)] IReadOnlyDictionary<string, string> Ingested);

/// <summary>A refused schedule or ingest request; the message names the field and what is wrong.</summary>
[GenerateSerializer]
public sealed class ScheduleException(string message) : Exception(message);

/// <summary>Schedules (one grain, key 0), stored durably; the silo's schedule runner claims due work from it.</summary>
[Requires(Role.Engineer)]
public interface ISchedulesGrain : IGrainWithIntegerKey
{
    Task<ScheduleView> Add(ScheduleDefinition definition);

    Task<bool> Remove(string name);

    Task<IReadOnlyList<ScheduleView>> List();

    /// <summary>
    /// Claims a schedule whose tick is due at <paramref name="now"/> and that is not already running; every tick missed since the
    /// last one collapses into this one claim. Null when nothing is due.
    /// </summary>
    Task<ScheduleClaim?> Claim(string name, DateTime now);

    /// <summary>Ends a claimed run: records it and, when it succeeded or skipped, the files it covered (path → SHA-256).</summary>
    Task Complete(string name, string runId, string status, IReadOnlyDictionary<string, string> files);
}
