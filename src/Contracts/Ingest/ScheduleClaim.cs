namespace Cohort.Contracts.Ingest;

/// <summary>Work a schedule claimed: the due tick it covers (the latest one when ticks were missed) and files already ingested (path → SHA-256).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.ScheduleClaim")]
public sealed record ScheduleClaim(
    [property: Id(0)] ScheduleDefinition Definition,
    [property: Id(1)] DateTime DueAt,
    [property: Id(2)] IReadOnlyDictionary<string, string> Ingested);
