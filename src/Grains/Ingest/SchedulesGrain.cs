using System.Text.RegularExpressions;
using Cohort.Contracts.Audit;
using Cohort.Contracts.Ingest;
using Cohort.Grains.Storage;
using Cohort.Settings;
using Cronos;
using Microsoft.Extensions.Options;

namespace Cohort.Grains.Ingest;

/// <summary>
/// The schedules, durable in grain storage (no Orleans reminders: each silo's schedule runner polls <see cref="Claim"/>).
/// One grain serialises claims, so a tick is run once even with several silos polling. Missed ticks collapse into one claim.
/// </summary>
[GrainType("schedules")]
public sealed partial class SchedulesGrain(
    [PersistentState("schedules", StorageOptions.ProviderName)] IPersistentState<SchedulesState> state,
    IOptions<IngestOptions> options) : Grain, ISchedulesGrain
{
    private readonly IngestOptions _options = options.Value;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    public async Task<ScheduleView> Add(ScheduleDefinition d)
    {
        Validate(d, _options.EffectiveRoots);
        if (state.State.Schedules.ContainsKey(d.Name)) throw new ScheduleException($"name: a schedule named '{d.Name}' already exists (remove it first)");
        var s = new ScheduleState { Definition = d, CreatedAt = DateTime.UtcNow };
        state.State.Schedules[d.Name] = s;
        await state.WriteStateAsync();
        await Audit(AuditActions.ScheduleAdd, d.Name, $"cron '{d.Cron}' in {d.TimeZone}, path {d.Path}, layout {d.Layout}, reject threshold {d.RejectThreshold}" +
            (d.MaxRowsPerSecond is { } pace ? $", paced at {pace} rows a second" : ""));
        return View(s);
    }

    public async Task<bool> Remove(string name)
    {
        if (!state.State.Schedules.Remove(name)) return false;
        await state.WriteStateAsync();
        await Audit(AuditActions.ScheduleRemove, name, "removed");
        return true;
    }

    private Task Audit(string action, string target, string detail) => GrainFactory.Audit(action, target, detail);


    public Task<IReadOnlyList<ScheduleView>> List() =>
        Task.FromResult<IReadOnlyList<ScheduleView>>(state.State.Schedules.Values.OrderBy(s => s.Definition.Name, StringComparer.Ordinal).Select(View).ToArray());

    public async Task<ScheduleClaim?> Claim(string name, DateTime now)
    {
        if (!state.State.Schedules.TryGetValue(name, out var s)) return null;
        if (s.RunningSince is { } since && now - since < TimeSpan.FromHours(_options.LeaseHours)) return null;
        var (cron, zone) = Parse(s.Definition);
        var anchor = s.LastTickAt ?? s.CreatedAt;
        DateTime? due = null;
        foreach (var tick in cron.GetOccurrences(anchor, now, zone, fromInclusive: false, toInclusive: true)) due = tick;
        if (due is null) return null;
        s.LastTickAt = due;
        s.RunningSince = now;
        await state.WriteStateAsync();
        return new ScheduleClaim(s.Definition, due.Value, new Dictionary<string, string>(s.Ingested, StringComparer.Ordinal));
    }

    public async Task Complete(string name, string runId, string status, IReadOnlyDictionary<string, string> files)
    {
        if (!state.State.Schedules.TryGetValue(name, out var s)) return;
        s.RunningSince = null;
        // A tick that started no run (no new files, a failure before the run) leaves the last run as it was and says what happened.
        if (runId.Length == 0) s.LastTickOutcome = status;
        else (s.LastRunId, s.LastStatus, s.LastTickOutcome) = (runId, status, null);
        if (status == RunStatus.Succeeded.Code() || status == RunStatus.Skipped.Code())
            s.Ingested = new Dictionary<string, string>(files, StringComparer.Ordinal);
        await state.WriteStateAsync();
    }

    private static ScheduleView View(ScheduleState s)
    {
        var (cron, zone) = Parse(s.Definition);
        // A schedule stored before ticks and runs were told apart holds a tick that started no run as a run with an empty id.
        var (run, status, outcome) = s.LastRunId is { Length: 0 } ? (null, null, s.LastTickOutcome ?? s.LastStatus) : (s.LastRunId, s.LastStatus, s.LastTickOutcome);
        return new ScheduleView(s.Definition, s.CreatedAt, s.LastTickAt, run, status,
            cron.GetNextOccurrence(s.LastTickAt ?? s.CreatedAt, zone), s.Ingested.Count, s.RunningSince)
        { LastTickOutcome = outcome };
    }

    private static (CronExpression Cron, TimeZoneInfo Zone) Parse(ScheduleDefinition d) =>
        (CronExpression.Parse(d.Cron, CronFormat.Standard), TimeZoneInfo.FindSystemTimeZoneById(d.TimeZone));

    /// <summary>Checks every field of a definition; the message names the field.</summary>
    public static void Validate(ScheduleDefinition d, IReadOnlyList<string> roots)
    {
        if (!NamePattern().IsMatch(d.Name ?? "")) throw new ScheduleException($"name: '{d.Name}' must be 1–64 letters, digits, '.', '_' or '-'");
        try { CronExpression.Parse(d.Cron, CronFormat.Standard); }
        catch (CronFormatException e) { throw new ScheduleException($"cron: '{d.Cron}' is not a 5-field cron expression (minute hour day month weekday): {e.Message}"); }
        try { TimeZoneInfo.FindSystemTimeZoneById(d.TimeZone); }
        catch (TimeZoneNotFoundException) { throw new ScheduleException($"timezone: '{d.TimeZone}' is not an IANA time zone (e.g. UTC, Europe/Oslo)"); }
        if (!FileLayouts.TryParse(d.Layout, out var layout)) throw new ScheduleException($"layout: '{d.Layout}' must be long or wide");
        if (d.RejectThreshold is < 0 or > 1 || double.IsNaN(d.RejectThreshold))
            throw new ScheduleException($"threshold: {d.RejectThreshold} must be a share between 0 and 1 (0.01 = 1%)");
        if (d.MaxRowsPerSecond is <= 0) throw new ScheduleException($"max rows per second: {d.MaxRowsPerSecond} must be a positive number of rows");
        if (string.IsNullOrWhiteSpace(d.Path)) throw new ScheduleException("path: a directory and file pattern is required, e.g. /drops/site-a/*.parquet");
        IngestRoots.Require(roots, d.Path, "path");
        if (d.Participants is { } p) IngestRoots.Require(roots, p, "participants");
        else if (layout == FileLayout.Long) throw new ScheduleException("participants: the long layout needs a participants file (or pattern: the newest match is used)");
        if (layout == FileLayout.Wide && string.IsNullOrWhiteSpace(d.Mapping)) throw new ScheduleException("mapping: the wide layout needs a mapping (a built-in name such as nhanes, or a JSON file)");
        if (d.Mapping is { } m && (m.Contains('/') || m.Contains('\\'))) IngestRoots.Require(roots, m, "mapping");
    }
}
