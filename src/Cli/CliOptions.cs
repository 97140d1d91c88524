using System.CommandLine;

namespace Cohort.Cli;

/// <summary>The options several commands share, and options whose values are checked as they are parsed (so --help lists them and a
/// wrong value is a usage error naming the option).</summary>
internal static class CliOptions
{
    public static Option<string?> Gateway() => new("--gateway")
    {
        Description = $"the silo's gateway (default: COHORT_GATEWAY, or {ClusterConnection.DefaultGateway})",
        HelpName = "HOST:PORT",
    };

    public static Option<bool> Json() => new("--json") { Description = "print JSON (camelCase names) instead of text" };

    /// <summary>A share between 0 and 1, such as a reject threshold.</summary>
    public static Option<double> Share(string name, double fallback, string description) =>
        Checked(new Option<double>(name) { Description = description, DefaultValueFactory = _ => fallback, HelpName = "SHARE" },
            v => v is >= 0 and <= 1, "must be between 0 and 1");

    /// <summary>A whole number at least <paramref name="minimum"/>.</summary>
    public static Option<int> Count(string name, int fallback, string description, int minimum = 1, string helpName = "N") =>
        Checked(new Option<int>(name) { Description = description, DefaultValueFactory = _ => fallback, HelpName = helpName },
            v => v >= minimum, $"must be at least {minimum}");

    /// <summary>One of a fixed set of words, in any case (shell completion offers them); the value is given in lower case.</summary>
    public static Option<string> Choice(string name, string fallback, string description, params string[] values)
    {
        var option = new Option<string>(name)
        {
            Description = description, DefaultValueFactory = _ => fallback,
            CustomParser = r => r.Tokens.Count == 0 ? fallback : r.Tokens[^1].Value.ToLowerInvariant(),
        };
        option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, values);
        return option;
    }

    /// <summary>An ingest's pace (`--max-rows-per-second`), for a run now or a scheduled one.</summary>
    public static Option<long?> Pace() => Checked(new Option<long?>("--max-rows-per-second")
    {
        Description = "pace the run, leaving the silo headroom for queries: each row group waits until the file rows before it are due at this many a second",
        HelpName = "N",
    }, v => v is null or > 0, "must be a positive number of rows");

    public static Option<string> Required(string name, string description, string helpName) =>
        new(name) { Description = description, Required = true, HelpName = helpName };

    public static Option<T> Checked<T>(Option<T> option, Func<T, bool> valid, string problem)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<T>() is var v && !valid(v))
                result.AddError($"{option.Name} {problem} (got '{string.Join(' ', result.Tokens.Select(t => t.Value))}')");
        });
        return option;
    }
}
