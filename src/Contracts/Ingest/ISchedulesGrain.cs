using Cohort.Contracts.Access;
namespace Cohort.Contracts.Ingest;

/// <summary>Schedules (one grain, key 0), stored durably; the silo's schedule runner claims due work from it.</summary>
[Requires(Role.Engineer)]
public interface ISchedulesGrain : IGrainWithIntegerKey
{
    Task<ScheduleView> Add(ScheduleDefinition definition);

    Task<bool> Remove(string name);

    Task<IReadOnlyList<ScheduleView>> List();

    /// <summary>
    /// Claims a schedule whose tick is due at <paramref name="now"/> and that is not already running; every tick missed since the
    /// last one collapses into this one claim. Null when nothing is due.
    /// </summary>
    Task<ScheduleClaim?> Claim(string name, DateTime now);

    /// <summary>Ends a claimed run: records it and, when it succeeded or skipped, the files it covered (path → SHA-256).</summary>
    Task Complete(string name, string runId, string status, IReadOnlyDictionary<string, string> files);
}
