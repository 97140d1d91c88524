using Cohort.Contracts.Access;
namespace Cohort.Contracts.Ingest;

/// <summary>
/// The commit log's entry of a recorded run (key: the run id), committed or abandoned, kept for good: a participant or shard may hold
/// the run's staged data long after it and ask what became of it. Written only by the runs grain (<see cref="IIngestRunsGrain"/>),
/// which keeps in its own state only the entries of runs not yet recorded, so that its state does not grow with every run.
/// </summary>
[Requires(Role.Engineer)]
[Alias("Cohort.Contracts.Ingest.ICommitLogEntryGrain")]
public interface ICommitLogEntryGrain : IGrainWithStringKey
{
    /// <summary>The run's entry, or null when no recorded run has this id.</summary>
    [Alias("Entry"), Orleans.Concurrency.ReadOnly]
    Task<RunCommit?> Entry();

    /// <summary>Stores the entry, durably; refused (<see cref="RunNotOpenException"/>) when it would change the decision already stored.</summary>
    [Alias("Keep")]
    Task Keep(RunCommit entry);
}
