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

    /// <summary>Ends a claimed run: records it and, when it succeeded or skipped, the files it covered (path → SHA-256).</summary>
    [Alias("Complete")]
    Task Complete(string name, string runId, string status, IReadOnlyDictionary<string, string> files);
}
