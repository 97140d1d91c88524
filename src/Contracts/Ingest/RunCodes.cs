
namespace Cohort.Contracts.Ingest;

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
