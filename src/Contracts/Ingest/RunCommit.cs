namespace Cohort.Contracts.Ingest;

/// <summary>
/// A writing run's entry in the commit log: opened before its first write, then committed (with the epoch its commit made: the count
/// of commits so far) or abandoned (with the reason). Kept so that a participant or shard holding the run's staged data can learn
/// later what became of it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.RunCommit")]
public sealed record RunCommit(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Trigger,
    [property: Id(2)] DateTime StartedAt,
    [property: Id(3)] RunCommitState State,
    [property: Id(4)] long Epoch = 0,
    [property: Id(5)] string? Reason = null)
{
    /// <summary>
    /// The files the run reads, until the run is recorded (so that a run committed but never recorded still marks them ingested); a
    /// recorded run's summary holds them, and its entry here keeps none.
    /// </summary>
    [Id(6)] public IReadOnlyList<IngestedFile> Inputs { get; init; } = [];

    /// <summary>The run's summary is in the history (its runner recorded it, or the runs grain did when it found the runner gone).</summary>
    [Id(7)] public bool Recorded { get; init; }

    /// <summary>The entry once its run is recorded: without its files, which the run's summary holds (the log keeps every run's entry).</summary>
    public RunCommit AsRecorded() => this with { Recorded = true, Inputs = [] };

    /// <summary>
    /// The silo the run's runner runs in (its address as Orleans writes it), or null for a runner outside any silo (the CLI against a
    /// cluster) and for runs opened by builds before 4 December 2026. While that silo is in the cluster, the run stays open even if
    /// the runs grain is activated again elsewhere; once it has left, the run is abandoned.
    /// </summary>
    [Id(8)] public string? Runner { get; init; }
}
