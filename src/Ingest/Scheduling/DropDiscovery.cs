using Cohort.Contracts.Ingest;
using Cohort.Settings;

namespace Cohort.Ingest.Scheduling;

/// <summary>
/// Finds the files a schedule's pattern names: a directory and a file-name pattern with * and ? ("/drops/site-a/*.parquet"), only
/// under the configured ingest roots. A pattern outside every root is refused, whatever it matches.
/// </summary>
public static class DropDiscovery
{
    public static IReadOnlyList<string> Find(string pattern, IReadOnlyList<string> roots)
    {
        IngestRoots.Require(roots, pattern, "path");
        var full = Path.GetFullPath(pattern);
        var directory = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        if (directory.IndexOfAny(['*', '?']) >= 0) throw new ScheduleException($"path: wildcards are allowed in the file name only ('{pattern}')");
        if (!Directory.Exists(directory)) return [];
        return Directory.EnumerateFiles(directory, name, new EnumerationOptions { MatchCasing = MatchCasing.CaseSensitive, RecurseSubdirectories = false })
            .Where(f => IngestRoots.Contains(roots, f))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The newest file (by last write time, then name) a pattern matches, or null.</summary>
    public static string? Newest(string pattern, IReadOnlyList<string> roots) =>
        Find(pattern, roots).OrderByDescending(File.GetLastWriteTimeUtc).ThenByDescending(f => f, StringComparer.Ordinal).FirstOrDefault();
}
