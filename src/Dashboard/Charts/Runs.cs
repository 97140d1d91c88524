namespace Cohort.Dashboard.Charts;

/// <summary>Lines through a series with gaps: the runs of consecutive points that have a value (a missing value breaks the line).</summary>
internal static class Runs
{
    public static IEnumerable<T[]> Of<T>(IEnumerable<T> points, Func<T, bool> hasValue)
    {
        var run = new List<T>();
        foreach (var p in points)
        {
            if (hasValue(p)) run.Add(p);
            else if (run.Count > 0)
            {
                yield return [.. run];
                run.Clear();
            }
        }
        if (run.Count > 0) yield return [.. run];
    }
}
