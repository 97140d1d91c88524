using Cohort.Contracts.Access;
namespace Cohort.Contracts.Ingest;

/// <summary>
/// What an ingest run did. Status: succeeded; rejected (the share of rejected rows passed the run's threshold, nothing written);
/// failed (a file or schema problem, nothing written); skipped (every file was already ingested with the same content hash).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunSummary(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Status,
    [property: Id(2)] DateTime StartedAt,
    [property: Id(3)] DateTime FinishedAt,
    [property: Id(4)] IReadOnlyList<string> Files,
    [property: Id(5)] long RowsRead,
    [property: Id(6)] long RowsAccepted,
    [property: Id(7)] long RowsRejected,
    [property: Id(8)] long RowsFlagged,
    [property: Id(9)] long RowsUnchanged,
    [property: Id(10)] long RowsAdded,
    [property: Id(11)] long RowsChanged,
    [property: Id(12)] long ParticipantsTouched,
    [property: Id(13)] IReadOnlyDictionary<string, long> RejectsByReason,
    [property: Id(14)] string? Message,
    [property: Id(15)] string? TraceId,
    [property: Id(16)] string Trigger = RunTriggers.Manual,
    [property: Id(17)] string? Schedule = null,
    [property: Id(18)] IReadOnlyList<IngestedFile>? Inputs = null,
    [property: Id(19)] double RejectThreshold = 0.01,
    [property: Id(20)] DataQualityReport? Quality = null,
    [property: Id(21)] string? ReplayOf = null)
{
    public double DurationSeconds => (FinishedAt - StartedAt).TotalSeconds;
}

/// <summary>A rejected row kept in the run's quarantine: where it was, why, and the raw values as read.</summary>
[GenerateSerializer, Immutable]
public sealed record QuarantinedRow(
    [property: Id(0)] string File,
    [property: Id(1)] int RowGroup,
    [property: Id(2)] long Row,
    [property: Id(3)] string Reason,
    [property: Id(4)] string Message,
    [property: Id(5)] IReadOnlyDictionary<string, string?> Raw);

/// <summary>Settings the silo owns and clients need (conversion factors, shard count, the rule set and phase cut-off).</summary>
[GenerateSerializer, Immutable]
public sealed record CohortSettings(
    [property: Id(0)] double GlucoseFactor,
    [property: Id(1)] double InsulinFactor,
    [property: Id(2)] int Shards,
    [property: Id(3)] string RuleSet = "ada2025",
    [property: Id(4)] double PhaseCutoffHomaIr = 2.5);

public static class RunStatuses
{
    public const string Succeeded = "succeeded", Rejected = "rejected", Failed = "failed", Skipped = "skipped";
}

public static class RunTriggers
{
    public const string Manual = "manual", Schedule = "schedule", Replay = "replay", Demo = "demo";
}

/// <summary>A file a run read: its name, full path, role (participants or observations), SHA-256 of its content and size.</summary>
[GenerateSerializer, Immutable]
public sealed record IngestedFile(
    [property: Id(0)] string Name,
    [property: Id(1)] string Path,
    [property: Id(2)] string Role,
    [property: Id(3)] string Sha256,
    [property: Id(4)] long Bytes);
