using Cohort.Contracts.Ingest;

namespace Cohort.Grains.Ingest;

[GenerateSerializer]
[Alias("Cohort.Grains.Ingest.ScheduleState")]
public sealed class ScheduleState
{
    [Id(0)] public ScheduleDefinition Definition { get; set; } = null!;
    [Id(1)] public DateTime CreatedAt { get; set; }
    /// <summary>The due time last claimed: ticks up to here are handled.</summary>
    [Id(2)] public DateTime? LastTickAt { get; set; }
    [Id(3)] public string? LastRunId { get; set; }
    [Id(4)] public string? LastStatus { get; set; }
    [Id(5)] public DateTime? RunningSince { get; set; }
    /// <summary>
    /// The files this schedule's last succeeded (or skipped) run found in its drop, all ingested: full path → SHA-256 (stores written
    /// before 7 December 2026 also hold files since gone from the drop, until that run).
    /// </summary>
    [Id(6)] public Dictionary<string, string> Ingested { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What the last tick did when it started no run ("no new files", "failed: …"); null when it started one.</summary>
    [Id(7)] public string? LastTickOutcome { get; set; }
}
