using Cohort.Contracts.Access;
namespace Cohort.Contracts.Ingest;

/// <summary>The history of ingest runs (one grain, key 0) with each run's quarantine.</summary>
[Requires(Role.Engineer)]
[Alias("Cohort.Contracts.Ingest.IIngestRunsGrain")]
public interface IIngestRunsGrain : IGrainWithIntegerKey
{
    /// <summary>Records a run; a succeeded run's input files count as ingested from then on (by role and content hash).</summary>
    [Alias("Record")]
    Task Record(RunSummary run, IReadOnlyList<QuarantinedRow> quarantine);

    /// <summary>A running run's progress (its runner reports every few seconds); the run's record ends it.</summary>
    [Alias("Running")]
    Task Running(RunProgress progress);

    /// <summary>A run that stopped without a record (cancelled): no longer in progress.</summary>
    [Alias("Stopped")]
    Task Stopped(string runId);

    /// <summary>Runs still going, as last reported within the last five minutes (a runner that stopped reporting has gone).</summary>
    [Requires(Role.Analyst)] // the overview says an ingest is in progress: run ids and row counts, nobody's data
    [Alias("InProgress")]
    Task<IReadOnlyList<RunProgress>> InProgress();

    /// <summary>One run by its id, or null.</summary>
    [Alias("Get")]
    Task<RunSummary?> Get(string runId);

    /// <summary>The data version: the id of the latest committed run (of a store written before commits: the latest succeeded run; "no data" before any).</summary>
    [Requires(Role.Analyst)] // provenance of every result
    [Alias("DataVersion"), Orleans.Concurrency.ReadOnly]
    Task<string> DataVersion();

    /// <summary>
    /// The succeeded run that ingested a file with this SHA-256 in this role ("participants", "observations", "events"), if any: the
    /// same bytes given as another kind of file are not the same input.
    /// </summary>
    [Alias("IngestedAs")]
    Task<string?> IngestedAs(string role, string sha256);

    /// <summary>The latest recorded run from the same source (a schedule's name, or null for manual runs) with data-quality results.</summary>
    [Alias("Previous")]
    Task<RunSummary?> Previous(string? schedule);

    [Alias("List")]
    Task<IReadOnlyList<RunSummary>> List();

    /// <summary>
    /// The latest <paramref name="count"/> recorded runs, newest first (what the overview, the ingest page, <c>cohort runs</c> and
    /// <c>GET /api/ingest/runs</c> show, without the whole history, which between silos is megabytes); with <paramref name="before"/>,
    /// the latest of those recorded before that run (the next page back), null when the history does not hold it.
    /// </summary>
    [Alias("NewestBefore")]
    Task<IReadOnlyList<RunSummary>?> Newest(int count, string? before);

    /// <summary>How many runs the history holds (at most <see cref="RunSummary.HistoryKept"/>: the latest).</summary>
    [Alias("Count")]
    Task<int> Count();

    [Alias("Quarantine")]
    Task<IReadOnlyList<QuarantinedRow>> Quarantine(string runId);

    /// <summary>
    /// Opens a run for writing, durably, before its first write: granted (null) when no other run is open, else the id of the run that
    /// is (runs write one at a time, so that staged data never has two owners). An open run whose runner has fallen silent is abandoned
    /// here first: after 60 seconds (<c>Cohort:ClientRunnerSilenceSeconds</c>) for a runner outside any silo, which reports at least
    /// every ten seconds, after five minutes for one inside a silo (whose silo leaving the cluster abandons it sooner).
    /// </summary>
    [Alias("Open")]
    Task<string?> Open(RunCommit run);

    /// <summary>
    /// The commit record: makes everything the open run staged visible at once, durably, and returns the new epoch. Throws
    /// <see cref="RunNotOpenException"/> when the run was abandoned meanwhile (nothing of it is then ever visible).
    /// </summary>
    [Alias("Commit")]
    Task<long> Commit(string runId);

    /// <summary>Abandons an open run (its runner failed before committing): nothing it staged is ever visible. No-op otherwise.</summary>
    [Alias("Abandon")]
    Task Abandon(string runId, string reason);

    /// <summary>What became of a run in the commit protocol (the silo's own grains ask this for staged data they hold).</summary>
    [Alias("Decision"), Orleans.Concurrency.ReadOnly]
    Task<RunCommit?> Decision(string runId);

    /// <summary>The published data: the epoch and run of the latest commit. Every query pins it.</summary>
    [Requires(Role.Analyst)]
    [Alias("Published"), Orleans.Concurrency.ReadOnly]
    Task<PublishedData> Published();
}
