namespace Cohort.Domain.Indices;

/// <summary>
/// An OGTT curve of one marker (glucose in mmol/L or insulin in pmol/L), strictly increasing in time with no duplicate minute.
/// Build it with <see cref="TryCreate"/>, which says what is wrong with a curve instead of throwing.
/// </summary>
public sealed class OgttCurve
{
    public const int MaxMinute = 300;
    private readonly OgttPoint[] _points;

    private OgttCurve(OgttPoint[] points) => _points = points;

    public IReadOnlyList<OgttPoint> Points => _points;
    public int Count => _points.Length;

    public static bool TryCreate(IEnumerable<OgttPoint> points, out OgttCurve curve, out string? problem) =>
        TryAdopt(points.ToArray(), out curve, out problem);

    /// <summary>As <see cref="TryCreate"/>, but sorts <paramref name="points"/> in place and keeps it: the caller gives it up.</summary>
    internal static bool TryAdopt(OgttPoint[] points, out OgttCurve curve, out string? problem)
    {
        Array.Sort(points, static (a, b) => a.Minute.CompareTo(b.Minute));
        curve = null!;
        problem = null;
        if (points.Length == 0) { problem = "an OGTT curve needs at least one sample"; return false; }
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i].Minute < 0 || points[i].Minute > MaxMinute) { problem = $"OGTT minute {points[i].Minute} is outside 0–{MaxMinute}"; return false; }
            if (!double.IsFinite(points[i].Value)) { problem = $"OGTT value at minute {points[i].Minute} is not a finite number"; return false; }
            if (i > 0 && points[i].Minute == points[i - 1].Minute) { problem = $"OGTT minute {points[i].Minute} appears twice"; return false; }
        }
        curve = new OgttCurve(points);
        return true;
    }

    /// <summary>Creates a curve from known-good samples (tests, generated data); throws on an invalid curve.</summary>
    public static OgttCurve Of(params (int Minute, double Value)[] points) =>
        TryCreate(points.Select(p => new OgttPoint(p.Minute, p.Value)), out var c, out var problem)
            ? c
            : throw new ArgumentException(problem, nameof(points));

    public double? At(int minute)
    {
        foreach (var p in _points)
            if (p.Minute == minute) return p.Value;
        return null;
    }

    /// <summary>The samples taken at or before <paramref name="lastMinute"/> (this curve when none is later), or null when none is.</summary>
    public OgttCurve? Until(int lastMinute)
    {
        if (LastMinute <= lastMinute) return this;
        // The points are in time order, so those kept are a prefix (copied without a predicate or a list: Matsuda and MISI ask this of
        // every 3-hour OGTT).
        var kept = 0;
        while (kept < _points.Length && _points[kept].Minute <= lastMinute) kept++;
        return kept == 0 ? null : new OgttCurve(_points[..kept]);
    }

    public int FirstMinute => _points[0].Minute;
    public int LastMinute => _points[^1].Minute;

    /// <summary>Arithmetic mean of the available samples.</summary>
    public double Mean()
    {
        var sum = 0.0;
        foreach (var p in _points) sum += p.Value;
        return sum / _points.Length;
    }

    /// <summary>Trapezoid area from the first to the last sample, in value × minutes.</summary>
    public double TrapezoidArea() => TrapezoidArea(FirstMinute, LastMinute);

    /// <summary>Trapezoid area over the samples that lie within [from, to], in value × minutes.</summary>
    public double TrapezoidArea(int from, int to)
    {
        var area = 0.0;
        for (var i = 1; i < _points.Length; i++)
        {
            var a = _points[i - 1];
            var b = _points[i];
            if (a.Minute < from || b.Minute > to) continue;
            area += (a.Value + b.Value) / 2 * (b.Minute - a.Minute);
        }
        return area;
    }

    /// <summary>Index of the first sample with the highest value.</summary>
    public int PeakIndex()
    {
        var best = 0;
        for (var i = 1; i < _points.Length; i++)
            if (_points[i].Value > _points[best].Value) best = i;
        return best;
    }

    /// <summary>Index of the first sample with the lowest value at or after <paramref name="from"/>.</summary>
    public int NadirIndexFrom(int from)
    {
        var best = from;
        for (var i = from + 1; i < _points.Length; i++)
            if (_points[i].Value < _points[best].Value) best = i;
        return best;
    }
}
