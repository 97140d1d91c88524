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
}
