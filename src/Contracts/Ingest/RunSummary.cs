namespace Cohort.Contracts.Ingest;

/// <summary>What an ingest run did.</summary>
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
    [property: Id(15)] string? TraceId)
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

/// <summary>The history of ingest runs (one grain, key 0) with each run's quarantine.</summary>
public interface IIngestRunsGrain : IGrainWithIntegerKey
{
    Task Record(RunSummary run, IReadOnlyList<QuarantinedRow> quarantine);

    Task<IReadOnlyList<RunSummary>> List();

    Task<IReadOnlyList<QuarantinedRow>> Quarantine(string runId);
}

/// <summary>Settings the silo owns and clients need (conversion factors, shard count).</summary>
[GenerateSerializer, Immutable]
public sealed record CohortSettings([property: Id(0)] double GlucoseFactor, [property: Id(1)] double InsulinFactor, [property: Id(2)] int Shards);

public interface ICohortSettingsGrain : IGrainWithIntegerKey
{
    Task<CohortSettings> Get();
}

/// <summary>One run's quarantine (key: run id), kept apart from the run history so the history stays small.</summary>
public interface IRunQuarantineGrain : IGrainWithStringKey
{
    Task Save(IReadOnlyList<QuarantinedRow> rows);

    Task<IReadOnlyList<QuarantinedRow>> Get();
}
