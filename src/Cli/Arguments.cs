using System.Globalization;
using System.Numerics;

namespace Cohort.Cli;

/// <summary>A usage error: the message names the option and what is wrong with it.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Parses `--name value` options and `--flag` switches. Every option a command reads is checked off, and an option nobody asked for
/// is an error (a misspelt `--particpants` must not be silently ignored).
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _repeated = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2) throw new UsageException($"unexpected argument '{a}'");
            var name = a[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal)) value = list[++i];
            if (value is not null) (_repeated.TryGetValue(name, out var values) ? values : _repeated[name] = []).Add(value);
            _options.TryAdd(name, value);
        }
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out var v)) return false;
        if (v is not null) throw new UsageException($"--{name} takes no value (got '{v}')");
        return true;
    }

    public string? String(string name)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out var v)) return null;
        if (_repeated.TryGetValue(name, out var all) && all.Count > 1) throw new UsageException($"option --{name} is given more than once");
        return v ?? throw new UsageException($"--{name} needs a value");
    }

    /// <summary>All values of an option that may be repeated.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        _read.Add(name);
        if (_options.TryGetValue(name, out var v) && v is null) throw new UsageException($"--{name} needs a value");
        return _repeated.TryGetValue(name, out var all) ? all : [];
    }

    public string RequiredString(string name) => String(name) ?? throw new UsageException($"--{name} is required");

    public T Number<T>(string name, T fallback) where T : INumber<T>
    {
        var s = String(name);
        if (s is null) return fallback;
        return T.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new UsageException($"--{name} must be a number (got '{s}')");
    }

    /// <summary>Fails on any option the command did not read.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToArray();
        if (unknown.Length > 0) throw new UsageException($"unknown option{(unknown.Length > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}
