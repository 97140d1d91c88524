using Cohort.Contracts.Access;
namespace Cohort.Contracts.Ingest;

/// <summary>
/// A file that a succeeded run read (key: "role:SHA-256", the role being "participants", "observations" or "events"): the run that
/// ingested it. One small record per file, written only by the runs grain (<see cref="IIngestRunsGrain"/>) when it records the run,
/// so that recognising a file delivered again costs the same after ten runs as after ten thousand.
/// </summary>
[Requires(Role.Engineer)]
[Alias("Cohort.Contracts.Ingest.IIngestedFileGrain")]
public interface IIngestedFileGrain : IGrainWithStringKey
{
    /// <summary>The id of the latest succeeded run that read this file in this role, or null when none has.</summary>
    [Alias("IngestedBy")]
    Task<string?> IngestedBy();

    /// <summary>Records, durably, that this run read the file.</summary>
    [Alias("Mark")]
    Task Mark(string runId);
}
