using System.Text.Json.Serialization;

namespace Cohort.Contracts.Ingest;

/// <summary>
/// How an ingest run ended: succeeded; rejected (the share of rejected rows passed the run's threshold, nothing written); failed
/// (a file or schema problem, or the cluster failed, nothing written); skipped (every file was already ingested with the same
/// content). Written as its lower-case code in JSON, CSV and stored state.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("rejected")] Rejected,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>What started an ingest run. Written as its lower-case code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunTrigger>))]
public enum RunTrigger
{
    [JsonStringEnumMemberName("manual")] Manual,
    [JsonStringEnumMemberName("schedule")] Schedule,
    [JsonStringEnumMemberName("replay")] Replay,
    [JsonStringEnumMemberName("demo")] Demo,
}

/// <summary>The lower-case codes of <see cref="RunStatus"/> and <see cref="RunTrigger"/>, as shown and as stored.</summary>
public static class RunCodes
{
    public static string Code(this RunStatus status) => status switch
    {
        RunStatus.Succeeded => "succeeded",
        RunStatus.Rejected => "rejected",
        RunStatus.Failed => "failed",
        RunStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Code(this RunTrigger trigger) => trigger switch
    {
        RunTrigger.Manual => "manual",
        RunTrigger.Schedule => "schedule",
        RunTrigger.Replay => "replay",
        RunTrigger.Demo => "demo",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };

    public static RunStatus ParseStatus(string code)
    {
        foreach (var status in Enum.GetValues<RunStatus>())
            if (status.Code() == code) return status;
        throw new ArgumentException($"'{code}' is not a run status", nameof(code));
    }

    /// <summary>A stored trigger; runs recorded before triggers existed were manual.</summary>
    public static RunTrigger ParseTrigger(string? code)
    {
        if (string.IsNullOrEmpty(code)) return RunTrigger.Manual;
        foreach (var trigger in Enum.GetValues<RunTrigger>())
            if (trigger.Code() == code) return trigger;
        throw new ArgumentException($"'{code}' is not a run trigger", nameof(code));
    }
}
