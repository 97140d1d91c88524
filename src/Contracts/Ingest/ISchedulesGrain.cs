using Cohort.Contracts.Access;
namespace Cohort.Contracts.Ingest;

/// <summary>Schedules (one grain, key 0), stored durably; the silo's schedule runner claims due work from it.</summary>
[Requires(Role.Engineer)]
[Alias("Cohort.Contracts.Ingest.ISchedulesGrain")]
public interface ISchedulesGrain : IGrainWithIntegerKey
{
    [Alias("Add")]
    Task<ScheduleView> Add(ScheduleDefinition definition);

    [Alias("Remove")]
    Task<bool> Remove(string name);

    [Alias("List")]
    Task<IReadOnlyList<ScheduleView>> List();

    /// <summary>
    /// Claims a schedule whose tick is due at <paramref name="now"/> and that is not already running; every tick missed since the
    /// last one collapses into this one claim. Null when nothing is due.
    /// </summary>
    [Alias("Claim")]
    Task<ScheduleClaim?> Claim(string name, DateTime now);

    /// <summary>
    /// Ends a claimed run: records it and, when it succeeded or skipped, the files its tick found (path → SHA-256), all of which are
    /// then ingested. They replace those recorded before, so that files gone from the drop are forgotten (one delivered again is still
    /// recognised by its content, <see cref="IIngestRunsGrain.IngestedAs"/>) and what is kept does not grow with every delivery.
    /// </summary>
    [Alias("Complete")]
    Task Complete(string name, string runId, string status, IReadOnlyDictionary<string, string> files);
}
