using Microsoft.Extensions.Options;

namespace Cohort.Silo.Hosting;

/// <summary>
/// Tells a bad setting apart from a fault: a value the configuration binder cannot convert, an options validation failure, or a
/// Cohort setting rule (their messages name the key, "Cohort:…"). Such a start ends with that message on one line and exit code 2,
/// not a stack trace.
/// </summary>
public static class SettingsError
{
    public const int ExitCode = 2;

    public static string? Describe(Exception e) => e switch
    {
        OptionsValidationException v => string.Join("; ", v.Failures),
        InvalidOperationException i when i.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => i.Message,
        ArgumentException or InvalidOperationException when e.Message.Contains("Cohort:", StringComparison.Ordinal) => e.Message,
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        _ when e.InnerException is { } inner => Describe(inner),
        _ => null,
    };
}
