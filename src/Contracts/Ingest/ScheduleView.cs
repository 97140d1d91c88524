namespace Cohort.Contracts.Ingest;

/// <summary>
/// A schedule with its next tick, its last run (the last tick that started one: its id and status) and, when the last tick started
/// none, what that tick found (<see cref="LastTickOutcome"/>: "no new files", "no participants file", "failed: …").
/// </summary>
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
    [property: Id(7)] DateTime? RunningSince)
{
    [Id(8)] public string? LastTickOutcome { get; init; }
}
