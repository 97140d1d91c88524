namespace Cohort.Ingest.Ingestion;

/// <summary>One ingest run: a participants file and one or more long-layout observation files.</summary>
public sealed record IngestRequest(string ParticipantsFile, IReadOnlyList<string> ObservationFiles)
{
    /// <summary>Participant batches in flight at once (bounded fan-out to the participant grains).</summary>
    public int Concurrency { get; init; } = 128;

    public string? RunId { get; init; }

    /// <summary>At most this many rejected rows are kept in the run's quarantine; the run says how many were left out.</summary>
    public int QuarantineLimit { get; init; } = 200_000;
}

public readonly record struct IngestProgress(long RowsRead, long RowsTotal);
