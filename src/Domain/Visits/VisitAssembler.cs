using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;

namespace Cohort.Domain.Visits;

/// <summary>
/// Groups a participant's results into visits (one per calendar date) and builds each visit's inputs. OGTT samples form the curves;
/// a glucose or insulin without an OGTT minute is the fasting value; of several results of one marker on one date outside an OGTT,
/// the earliest is used. An OGTT curve with a problem (say, a duplicated minute) is left out rather than guessed at.
/// </summary>
public static class VisitAssembler
{
    public static IReadOnlyList<AssembledVisit> Assemble(IEnumerable<Measurement> measurements, Sex sex)
    {
        var visits = new List<AssembledVisit>();
        foreach (var day in measurements.GroupBy(m => DateOnly.FromDateTime(m.TakenAt)).OrderBy(g => g.Key))
            visits.Add(AssembleDay(day.Key, day.OrderBy(m => m.TakenAt).ThenBy(m => m.OgttMinute ?? -1).ToArray(), sex));
        return visits;
    }

    private static AssembledVisit AssembleDay(DateOnly date, Measurement[] day, Sex sex)
    {
        var single = new Dictionary<Marker, Measurement>();
        var glucoseCurve = new List<OgttPoint>();
        var insulinCurve = new List<OgttPoint>();
        Measurement? glucose0 = null, glucose120 = null;
        foreach (var m in day)
        {
            if (m.OgttMinute is { } minute && m.Marker is Marker.Glucose or Marker.Insulin)
            {
                (m.Marker == Marker.Glucose ? glucoseCurve : insulinCurve).Add(new OgttPoint(minute, m.Value));
                if (m.Marker == Marker.Glucose && minute == 0) glucose0 ??= m;
                if (m.Marker == Marker.Glucose && minute == 120) glucose120 ??= m;
                continue;
            }
            single.TryAdd(m.Marker, m);
        }
        OgttCurve? Curve(List<OgttPoint> points) => points.Count > 0 && OgttCurve.TryCreate(points, out var c, out _) ? c : null;
        var gCurve = Curve(glucoseCurve);
        var iCurve = Curve(insulinCurve);
        double? Get(Marker marker) => single.TryGetValue(marker, out var m) ? m.Value : null;

        var measurements = new VisitMeasurements
        {
            Sex = sex,
            FastingGlucose = Get(Marker.Glucose),
            FastingInsulin = Get(Marker.Insulin),
            GlucoseCurve = gCurve,
            InsulinCurve = iCurve,
            HbA1c = Get(Marker.HbA1c),
            Triglycerides = Get(Marker.Triglycerides),
            Hdl = Get(Marker.Hdl),
            Alt = Get(Marker.Alt),
            Ast = Get(Marker.Ast),
            Ggt = Get(Marker.Ggt),
            Nefa = Get(Marker.Nefa),
            Waist = Get(Marker.Waist),
            Bmi = Get(Marker.Bmi),
        };
        var values = single.ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        if (measurements.Glucose0 is { } g0) values[Marker.Glucose] = g0;
        if (measurements.Insulin0 is { } i0) values[Marker.Insulin] = i0;

        var fasting = single.TryGetValue(Marker.Glucose, out var fg) ? fg : glucose0;
        return new AssembledVisit(date, measurements, values,
            Reported(fasting), Reported(glucose120), single.TryGetValue(Marker.HbA1c, out var a) ? Reported(a) : null);
    }

    private static ReportedValue? Reported(Measurement? m) => m is { } x ? new ReportedValue(x.RawValue, x.RawUnit) : null;
}
