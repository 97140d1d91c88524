using Cohort.Contracts.Ingest;

namespace Cohort.Grains.Ingest;

[GenerateSerializer]
[Alias("Cohort.Grains.Ingest.IngestRunsState")]
public sealed class IngestRunsState
{
    /// <summary>
    /// The run history of a store written before the history was paged (<see cref="RunHistory"/>); empty once its runs have moved to
    /// pages, which the runs grain does when it first activates.
    /// </summary>
    [Id(0)] public List<RunSummary> Runs { get; set; } = [];

    /// <summary>
    /// "role:SHA-256" of the files a succeeded run read → that run's id, until the runs grain moves each to a record of its own
    /// (<see cref="IIngestedFileGrain"/>) as it records the run. Builds before 7 December 2026 kept every file here, growing with every
    /// file and rewritten with this state at every call; the grain moves them out at its first write. Entries written before roles were
    /// recorded here are keyed by the bare SHA-256 until <see cref="KeyLegacyEntriesByRole"/> rewrites them.
    /// </summary>
    [Id(1)] public Dictionary<string, string> Ingested { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Rewrites entries keyed by the bare SHA-256 (stored before roles were part of the key) under "role:SHA-256", the roles read from
    /// their run's inputs while that run is still in the <paramref name="history"/>. An entry whose run has already left the history
    /// cannot be placed and stays as it is (it matches nothing). Returns whether any changed.
    /// </summary>
    public bool KeyLegacyEntriesByRole(IEnumerable<RunSummary> history)
    {
        var changed = false;
        foreach (var (sha256, runId) in Ingested.Where(kv => !kv.Key.Contains(':', StringComparison.Ordinal)).ToArray())
        {
            var roles = history.Where(r => r.RunId == runId).SelectMany(r => r.Inputs ?? []).Where(f => f.Sha256 == sha256).Select(f => f.Role).Distinct().ToArray();
            if (roles.Length == 0) continue;
            foreach (var role in roles) Ingested.TryAdd(IngestedFileGrain.Key(role, sha256), runId);
            Ingested.Remove(sha256);
            changed = true;
        }
        return changed;
    }

    /// <summary>The entries keyed by role, which the runs grain moves to records of their own (<see cref="IIngestedFileGrain"/>).</summary>
    public IEnumerable<KeyValuePair<string, string>> IngestedToMove => Ingested.Where(kv => kv.Key.Contains(':', StringComparison.Ordinal)).ToArray();

    /// <summary>The commit log's entries of recorded runs, which the runs grain moves to records of their own (<see cref="ICommitLogEntryGrain"/>).</summary>
    public IEnumerable<RunCommit> CommitsToMove => Commits.Values.Where(c => c.Recorded).ToArray();

    /// <summary>Whether anything waits to move out of the state into records of its own: files ingested, commit entries of recorded runs.</summary>
    public bool HasRecordsToMove => IngestedToMove.Any() || CommitsToMove.Any();

    /// <summary>
    /// The commit log's entries of runs not yet recorded, by id: opened, or committed or abandoned and awaiting their record (usually
    /// none or one). Once a run is recorded its entry moves to a record of its own (<see cref="ICommitLogEntryGrain"/>), kept for good,
    /// because a participant or shard may hold a run's staged data long after the run and must learn what became of it. Builds before
    /// 7 December 2026 kept every run's entry here; the runs grain moves them out at its first write.
    /// </summary>
    [Id(2)] public Dictionary<string, RunCommit> Commits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Commits made so far; the published data is the state after this many.</summary>
    [Id(3)] public long Epoch { get; set; }

    /// <summary>The run of the latest commit (null before any).</summary>
    [Id(4)] public string? PublishedRun { get; set; }

    /// <summary>How many pages of the run history have left its window: the history starts at the page after them.</summary>
    [Id(5)] public long DroppedPages { get; set; }

    /// <summary>
    /// Pages that have left the history and may still be stored, with their runs' quarantines: the runs grain clears them once the
    /// state naming the new first page is written, and again at activation when a stop or a failure came between (a page cleared twice
    /// is empty the second time).
    /// </summary>
    [Id(6)] public List<long> PagesLeaving { get; set; } = [];

    /// <summary>
    /// Whether the quarantines of runs no longer in the history have been looked for and cleared: builds before 7 December 2026 left
    /// a run's quarantine stored when the run left the history. Done once per store.
    /// </summary>
    [Id(7)] public bool LeftQuarantinesSwept { get; set; }
}
