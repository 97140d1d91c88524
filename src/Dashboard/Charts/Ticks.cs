namespace Cohort.Dashboard.Charts;

/// <summary>Axis ticks on 1-2-5 steps: a rounded top for an axis, and the ticks from 0 to it.</summary>
public static class Ticks
{
    /// <summary>The smallest 1, 2 or 5 × 10ᵏ at or above <paramref name="max"/>.</summary>
    public static double Nice(double max)
    {
        if (!(max > 0)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var m in new[] { 1.0, 2, 5, 10 })
            if (m * magnitude >= max * (1 - 1e-12)) return m * magnitude;
        return 10 * magnitude;
    }

    /// <summary>0, then steps of a 1-2-5 size up to <paramref name="top"/>: four to ten ticks.</summary>
    public static IEnumerable<double> Steps(double top)
    {
        var step = Nice(top / 5);
        for (var t = 0.0; t <= top * (1 + 1e-9); t += step) yield return Math.Round(t, 10);
    }
}
