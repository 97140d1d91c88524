using Cohort.Contracts.Ingest;

namespace Cohort.Settings;

/// <summary>
/// The directories the server may read drops from ("Cohort:Ingest:Roots"). A path is inside a root when its full path (symbolic
/// segments such as ".." resolved) lies under the root's full path.
/// </summary>
public static class IngestRoots
{
    public static bool Contains(IEnumerable<string> roots, string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        foreach (var root in roots)
        {
            var r = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(root)) + System.IO.Path.DirectorySeparatorChar;
            if (full.StartsWith(r, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Throws a <see cref="ScheduleException"/> naming the option when <paramref name="path"/> is outside every root.</summary>
    public static void Require(IReadOnlyList<string> roots, string path, string option)
    {
        if (roots.Count == 0) throw new ScheduleException($"{option}: no ingest roots are configured (Cohort:Ingest:Roots), so the server reads no files");
        if (!Contains(roots, path))
            throw new ScheduleException($"{option}: '{path}' is outside the ingest roots ({string.Join(", ", roots)})");
    }
}
