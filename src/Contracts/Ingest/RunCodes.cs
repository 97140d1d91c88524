
namespace Cohort.Contracts.Ingest;

/// <summary>The lower-case codes of <see cref="RunStatus"/> and <see cref="RunTrigger"/>, as shown, stored and written in JSON (one spelling: <see cref="LowerCaseEnumConverter{TEnum}"/>).</summary>
public static class RunCodes
{
    public static string Code(this RunStatus status) => LowerCaseEnumConverter<RunStatus>.Code(status);

    public static string Code(this RunTrigger trigger) => LowerCaseEnumConverter<RunTrigger>.Code(trigger);

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
