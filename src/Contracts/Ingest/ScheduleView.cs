namespace Cohort.Contracts.Ingest;

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
