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

    /// <summary>Multiples of a 1-2-5 step inside [<paramref name="lo"/>, <paramref name="hi"/>]: three to eleven of them.</summary>
    public static IEnumerable<double> Between(double lo, double hi)
    {
        if (!(hi > lo)) yield break;
        var step = Nice((hi - lo) / 10);
        for (var t = Math.Ceiling(lo / step - 1e-9) * step; t <= hi * (1 + 1e-12) + 1e-12; t += step) yield return Math.Round(t, 10);
    }

    /// <summary>1, 2 and 5 × 10ᵏ inside [<paramref name="lo"/>, <paramref name="hi"/>] (both positive): ticks for a logarithmic axis.</summary>
    public static IEnumerable<double> LogSteps(double lo, double hi)
    {
        if (!(lo > 0 && hi > lo)) yield break;
        for (var k = (int)Math.Floor(Math.Log10(lo)); k <= (int)Math.Ceiling(Math.Log10(hi)); k++)
            foreach (var m in new[] { 1.0, 2, 5 })
            {
                var v = Math.Round(m * Math.Pow(10, k), 12);
                if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) yield return v;
            }
    }

    /// <summary>
    /// The ticks of an axis over [<paramref name="lo"/>, <paramref name="hi"/>]: 1, 2, 5 × 10ᵏ on a logarithmic axis when that gives at
    /// least three, else multiples of a 1-2-5 step (a log axis over a short range, 1.3 to 3.9, would get one label).
    /// </summary>
    public static IReadOnlyList<double> Axis(double lo, double hi, bool log)
    {
        if (log && lo > 0 && LogSteps(lo, hi).ToArray() is { Length: >= 3 } steps) return steps;
        return Between(lo, hi).ToArray();
    }

    /// <summary>0, then steps of a 1-2-5 size up to <paramref name="top"/>: four to ten ticks.</summary>
    public static IEnumerable<double> Steps(double top)
    {
        var step = Nice(top / 5);
        for (var t = 0.0; t <= top * (1 + 1e-9); t += step) yield return Math.Round(t, 10);
    }
}
