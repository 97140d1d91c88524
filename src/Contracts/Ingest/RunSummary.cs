namespace Cohort.Contracts.Ingest;

/// <summary>
/// What an ingest run did: its outcome and trigger, its files, how many rows it read, accepted, rejected, flagged, added, changed
/// or left unchanged, the reject reasons, its data-quality report and its trace. Status and trigger are stored as their codes, as they
/// were when they were strings, so runs recorded by earlier versions load unchanged.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.RunSummary")]
public sealed record RunSummary
{
    [Id(0)] public required string RunId { get; init; }
    [Id(1)] private string _status = "";
    [Id(2)] public required DateTime StartedAt { get; init; }
    [Id(3)] public required DateTime FinishedAt { get; init; }
    [Id(4)] public required IReadOnlyList<string> Files { get; init; }
    [Id(5)] public required long RowsRead { get; init; }
    [Id(6)] public required long RowsAccepted { get; init; }
    [Id(7)] public required long RowsRejected { get; init; }
    [Id(8)] public required long RowsFlagged { get; init; }
    [Id(9)] public required long RowsUnchanged { get; init; }
    [Id(10)] public required long RowsAdded { get; init; }
    [Id(11)] public required long RowsChanged { get; init; }
    [Id(12)] public required long ParticipantsTouched { get; init; }
    [Id(13)] public required IReadOnlyDictionary<string, long> RejectsByReason { get; init; }
    [Id(14)] public string? Message { get; init; }
    [Id(15)] public string? TraceId { get; init; }
    [Id(16)] private string? _trigger;
    [Id(17)] public string? Schedule { get; init; }
    [Id(18)] public IReadOnlyList<IngestedFile>? Inputs { get; init; }
    [Id(19)] public double RejectThreshold { get; init; } = 0.01;
    [Id(20)] public DataQualityReport? Quality { get; init; }
    [Id(21)] public string? ReplayOf { get; init; }

    /// <summary>How many of the latest runs the run history keeps and shows.</summary>
    public const int HistoryKept = 1000;

    public required RunStatus Status { get => RunCodes.ParseStatus(_status); init => _status = value.Code(); }

    public RunTrigger Trigger { get => RunCodes.ParseTrigger(_trigger); init => _trigger = value.Code(); }

    public double DurationSeconds => (FinishedAt - StartedAt).TotalSeconds;
}
