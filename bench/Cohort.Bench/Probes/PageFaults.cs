using System.Globalization;

namespace Cohort.Bench.Probes;

/// <summary>
/// The process's minor page faults so far (Linux, /proc/self/stat). In an ingest nearly all are pages of anonymous memory touched
/// for the first time since the kernel gave them (the rest: copy-on-write, pages of mapped files already in memory), so a run that
/// keeps reusing its memory takes few and one that keeps taking fresh memory takes many.
/// </summary>
internal static class PageFaults
{
    public static long Minor()
    {
        if (!File.Exists("/proc/self/stat")) return 0;
        var stat = File.ReadAllText("/proc/self/stat");
        // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, minflt field 10.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
