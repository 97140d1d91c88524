using Cohort.Contracts.Ingest;

namespace Cohort.Grains.Ingest;

[GenerateSerializer]
[Alias("Cohort.Grains.Ingest.IngestRunsState")]
public sealed class IngestRunsState
{
    [Id(0)] public List<RunSummary> Runs { get; set; } = [];

    /// <summary>
    /// "role:SHA-256" of every file a succeeded run read → that run's id (kept beyond the run history's window). Entries written before
    /// roles were recorded here are keyed by the bare SHA-256; their role is read from the run's inputs while the run is in the history.
    /// </summary>
    [Id(1)] public Dictionary<string, string> Ingested { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The commit log: every writing run by id, opened, committed or abandoned. Kept whole (one short record per run), because a
    /// participant or shard may hold a run's staged data long after the run and must learn what became of it.
    /// </summary>
    [Id(2)] public Dictionary<string, RunCommit> Commits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Commits made so far; the published data is the state after this many.</summary>
    [Id(3)] public long Epoch { get; set; }

    /// <summary>The run of the latest commit (null before any).</summary>
    [Id(4)] public string? PublishedRun { get; set; }
}
