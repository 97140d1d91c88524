using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;

namespace Cohort.Domain.Visits;

/// <summary>
/// Groups a participant's results into visits (one per calendar date) and builds each visit's inputs. OGTT samples form the curves;
/// a glucose or insulin without an OGTT minute is the fasting value; of several results of one marker on one date outside an OGTT,
/// the earliest is used. An OGTT curve with a problem (say, a duplicated minute) is left out rather than guessed at.
/// Runs for every participant on every merge, so it sorts once and walks the results without per-visit collections.
/// </summary>
public static class VisitAssembler
{
    private static readonly int MarkerCount = MarkerCatalogue.All.Count;

    /// <summary>Assembles the visits of one participant's results; sorts <paramref name="all"/> in place (by time, then OGTT minute).</summary>
    public static IReadOnlyList<AssembledVisit> Assemble(Measurement[] all, Sex sex)
    {
        Array.Sort(all, static (a, b) =>
        {
            var c = a.TakenAt.CompareTo(b.TakenAt);
            return c != 0 ? c : (a.OgttMinute ?? -1).CompareTo(b.OgttMinute ?? -1);
        });
        var visits = new List<AssembledVisit>(4);
        var start = 0;
        while (start < all.Length)
        {
            var day = DateOnly.FromDateTime(all[start].TakenAt);
            var end = start + 1;
            while (end < all.Length && DateOnly.FromDateTime(all[end].TakenAt) == day) end++;
            visits.Add(AssembleDay(day, all.AsSpan(start, end - start), sex));
            start = end;
        }
        return visits;
    }

    private static AssembledVisit AssembleDay(DateOnly date, ReadOnlySpan<Measurement> day, Sex sex)
    {
        Span<Measurement> single = stackalloc Measurement[MarkerCount];
        Span<bool> has = stackalloc bool[MarkerCount];
        int glucosePoints = 0, insulinPoints = 0;
        Measurement? glucose0 = null, glucose120 = null;
        foreach (var m in day)
        {
            if (m.OgttMinute is { } minute && m.Marker is Marker.Glucose or Marker.Insulin)
            {
                if (m.Marker == Marker.Glucose)
                {
                    glucosePoints++;
                    if (minute == 0) glucose0 ??= m;
                    if (minute == 120) glucose120 ??= m;
                }
                else insulinPoints++;
                continue;
            }
            if (!has[(int)m.Marker]) { single[(int)m.Marker] = m; has[(int)m.Marker] = true; }
        }
        var gCurve = Curve(day, Marker.Glucose, glucosePoints);
        var iCurve = Curve(day, Marker.Insulin, insulinPoints);
        double? Get(Marker marker, ReadOnlySpan<Measurement> s, ReadOnlySpan<bool> h) => h[(int)marker] ? s[(int)marker].Value : null;

        var measurements = new VisitMeasurements
        {
            Sex = sex,
            FastingGlucose = Get(Marker.Glucose, single, has),
            FastingInsulin = Get(Marker.Insulin, single, has),
            GlucoseCurve = gCurve,
            InsulinCurve = iCurve,
            HbA1c = Get(Marker.HbA1c, single, has),
            Triglycerides = Get(Marker.Triglycerides, single, has),
            Hdl = Get(Marker.Hdl, single, has),
            Alt = Get(Marker.Alt, single, has),
            Ast = Get(Marker.Ast, single, has),
            Ggt = Get(Marker.Ggt, single, has),
            Nefa = Get(Marker.Nefa, single, has),
            Waist = Get(Marker.Waist, single, has),
            Bmi = Get(Marker.Bmi, single, has),
        };
        var values = new double[MarkerCount];
        for (var k = 0; k < values.Length; k++) values[k] = has[k] ? single[k].Value : double.NaN;
        if (measurements.Glucose0 is { } g0) values[(int)Marker.Glucose] = g0;
        if (measurements.Insulin0 is { } i0) values[(int)Marker.Insulin] = i0;

        Measurement? fasting = has[(int)Marker.Glucose] ? single[(int)Marker.Glucose] : glucose0;
        return new AssembledVisit(date, measurements, values,
            Reported(fasting), Reported(glucose120), has[(int)Marker.HbA1c] ? Reported(single[(int)Marker.HbA1c]) : null);
    }

    private static OgttCurve? Curve(ReadOnlySpan<Measurement> day, Marker marker, int count)
    {
        if (count == 0) return null;
        var points = new OgttPoint[count];
        var n = 0;
        foreach (var m in day)
            if (m.Marker == marker && m.OgttMinute is { } minute) points[n++] = new OgttPoint(minute, m.Value);
        return OgttCurve.TryCreate(points, out var c, out _) ? c : null;
    }

    private static ReportedValue? Reported(Measurement? m) => m is { } x ? new ReportedValue(x.RawValue, x.RawUnit) : null;
}
