using System.Buffers;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;

namespace Cohort.Domain.Visits;

/// <summary>
/// Groups a participant's results into visits and builds each visit's inputs.
/// <list type="bullet">
/// <item>A visit is a window: every result within <see cref="VisitAssemblyOptions.WindowDays"/> days of the visit's first result
/// belongs to it (labs and body measurements are often taken on different days); the visit is dated by its first result.</item>
/// <item>OGTT samples form the curves, from the first day of the window that has any; a curve with a problem (say, a duplicated minute)
/// is left out rather than guessed at.</item>
/// <item>Glucose, insulin, triglycerides and NEFA depend on fasting: the earliest fasting sample is used (a sample is fasting when
/// marked so or taken at OGTT minute 0). A visit whose only sample of one of them was taken not fasting, or with unknown status,
/// has no fasting value of it; a glucose of that kind is kept as the visit's random glucose.</item>
/// <item>Other markers: the earliest result in the window. BMI is derived from weight and height when not reported, and checked
/// against them when it is.</item>
/// <item>Treatment indicators (glucose-lowering medication, insulin) and the participant's recorded diagnosis set the visit's flags.</item>
/// </list>
/// Runs for every participant on every merge, so it sorts once and walks the results without per-visit collections.
/// </summary>
public static class VisitAssembler
{

    /// <summary>
    /// Assembles the visits of one participant's results; sorts <paramref name="all"/> in place (by time, then OGTT minute). The visits
    /// keep nothing of it, so the caller may reuse its memory afterwards.
    /// </summary>
    public static IReadOnlyList<AssembledVisit> Assemble(Span<Measurement> all, Sex sex, VisitAssemblyOptions? options = null)
    {
        options ??= VisitAssemblyOptions.Default;
        // The grains hand a participant's rows over in time order (sorted by one number a row where they are stored): then checking
        // costs one pass, and sorting is left to callers that give rows in another order.
        for (var k = 1; k < all.Length; k++)
            if (SortKey.Of(all[k - 1]).CompareTo(SortKey.Of(all[k])) > 0)
            {
                Sort(all);
                break;
            }
        var visits = new List<AssembledVisit>(4);
        var start = 0;
        while (start < all.Length)
        {
            var first = DateOnly.FromDateTime(all[start].TakenAt);
            var end = start + 1;
            while (end < all.Length && DateOnly.FromDateTime(all[end].TakenAt).DayNumber - first.DayNumber <= options.WindowDays) end++;
            visits.Add(AssembleWindow(first, all.Slice(start, end - start), sex, options));
            start = end;
        }
        return visits;
    }

    /// <summary>
    /// Sorts by time, then OGTT minute, through a key of two numbers per result: the runtime's sort compares a key that is its own
    /// <see cref="IComparable{T}"/> directly, where a comparer of the 56-byte results would be called through a delegate.
    /// </summary>
    private static void Sort(Span<Measurement> all)
    {
        const int OnStack = 256;
        var rented = all.Length > OnStack ? ArrayPool<SortKey>.Shared.Rent(all.Length) : null;
        var keys = rented is null ? stackalloc SortKey[OnStack] : rented;
        keys = keys[..all.Length];
        for (var k = 0; k < all.Length; k++) keys[k] = SortKey.Of(all[k]);
        keys.Sort(all);
        if (rented is not null) ArrayPool<SortKey>.Shared.Return(rented);
    }

    /// <summary>A result's place: its time, then its OGTT minute (none first).</summary>
    private readonly record struct SortKey(long Ticks, int Minute) : IComparable<SortKey>
    {
        public static SortKey Of(Measurement m) => new(m.TakenAt.Ticks, m.OgttMinute ?? -1);

        public int CompareTo(SortKey other)
        {
            var c = Ticks.CompareTo(other.Ticks);
            return c != 0 ? c : Minute.CompareTo(other.Minute);
        }
    }

    private static AssembledVisit AssembleWindow(DateOnly date, ReadOnlySpan<Measurement> window, Sex sex, VisitAssemblyOptions options)
    {
        var markers = options.Markers;
        var markerCount = markers.Slots;
        var sensitive = markers.FastingSensitive;
        Span<int> chosen = stackalloc int[markerCount];
        chosen.Fill(-1);
        DateOnly? ogttDay = null;
        int glucosePoints = 0, insulinPoints = 0;
        Measurement? glucose0 = null, glucose120 = null;
        bool medication = false, insulinTreatment = false;
        var lastDay = date;
        for (var k = 0; k < window.Length; k++)
        {
            var m = window[k];
            var day = DateOnly.FromDateTime(m.TakenAt);
            if (day > lastDay) lastDay = day;
            var marker = (int)m.Marker;
            if (marker >= markerCount) continue; // a study marker this registry does not know (declared after it was read)
            if (m.Marker == Marker.GlucoseLoweringMedication) medication |= m.Value == 1;
            if (m.Marker == Marker.InsulinTreatment) insulinTreatment |= m.Value == 1;
            if (m.OgttMinute is { } minute && m.Marker is Marker.Glucose or Marker.Insulin)
            {
                ogttDay ??= day;
                if (day != ogttDay) continue;
                if (m.Marker == Marker.Glucose)
                {
                    glucosePoints++;
                    if (minute == 0) glucose0 ??= m;
                    if (minute == 120) glucose120 ??= m;
                }
                else insulinPoints++;
                continue;
            }
            // The earliest result, except that a fasting sample replaces an earlier non-fasting one of a fasting-sensitive marker.
            if (chosen[marker] < 0 || (sensitive[marker] && window[chosen[marker]].Fasting != true && m.Fasting == true)) chosen[marker] = k;
        }
        var gCurve = Curve(window, Marker.Glucose, glucosePoints, ogttDay);
        var iCurve = Curve(window, Marker.Insulin, insulinPoints, ogttDay);

        // Minute 0 of an OGTT is a fasting sample, so a curve supplies what a non-fasting single sample could not.
        var minute0 = (gCurve?.At(0) is null ? 0 : 1 << (int)Marker.Glucose) | (iCurve?.At(0) is null ? 0 : 1 << (int)Marker.Insulin);
        int notFasting = 0, unknown = 0;
        var values = new double[markerCount];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = chosen[k] >= 0 ? window[chosen[k]].Value : double.NaN;
            if (chosen[k] < 0 || !sensitive[k] || window[chosen[k]].Fasting == true) continue;
            values[k] = double.NaN;
            // The visit's fasting flags name Cohort's own markers (a bit each); a study marker's non-fasting sample is just left out.
            if (k >= 32 || (minute0 & 1 << k) != 0) continue;
            if (window[chosen[k]].Fasting == false) notFasting |= 1 << k; else unknown |= 1 << k;
        }
        double? Get(Marker marker) => double.IsNaN(values[(int)marker]) ? null : values[(int)marker];

        var flags = VisitFlags.None;
        ReportedValue? random = null;
        var glucose = chosen[(int)Marker.Glucose];
        if (glucose >= 0 && window[glucose].Fasting != true && glucose0 is null)
        {
            random = Reported(window[glucose]);
            if (window[glucose].Fasting == false) flags |= VisitFlags.GlucoseNotFasting;
        }
        if (unknown != 0) flags |= VisitFlags.FastingStatusUnknown;
        if (medication) flags |= VisitFlags.GlucoseLoweringMedication;
        if (insulinTreatment) flags |= VisitFlags.InsulinTreatment;
        if (options.Diabetes?.DiagnosedBy(date) == true) flags |= VisitFlags.DiagnosedDiabetes;
        if (lastDay > date) flags |= VisitFlags.SpansDays;
        if (gCurve?.LastMinute > 120 || iCurve?.LastMinute > 120) flags |= VisitFlags.OgttBeyond120;
        flags |= BodySize.Complete(values);

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
            ExogenousInsulin = insulinTreatment,
            NotFastingMarkers = notFasting,
            FastingUnknownMarkers = unknown,
        };
        if (measurements.Glucose0 is { } g0) values[(int)Marker.Glucose] = g0;
        if (measurements.Insulin0 is { } i0) values[(int)Marker.Insulin] = i0;

        Measurement? fasting = glucose >= 0 && window[glucose].Fasting == true ? window[glucose] : glucose0;
        return new AssembledVisit(date, measurements, values, Reported(fasting), Reported(glucose120),
            chosen[(int)Marker.HbA1c] >= 0 ? Reported(window[chosen[(int)Marker.HbA1c]]) : null)
        {
            RandomGlucose = random,
            Flags = flags,
            LastDate = lastDay,
        };
    }

    private static OgttCurve? Curve(ReadOnlySpan<Measurement> window, Marker marker, int count, DateOnly? day)
    {
        if (count == 0) return null;
        var points = new OgttPoint[count];
        var n = 0;
        foreach (var m in window)
            if (m.Marker == marker && m.OgttMinute is { } minute && DateOnly.FromDateTime(m.TakenAt) == day) points[n++] = new OgttPoint(minute, m.Value);
        return OgttCurve.TryAdopt(points, out var c, out _) ? c : null;
    }

    private static ReportedValue? Reported(Measurement? m) => m is { RawUnit: { } unit } x ? new ReportedValue(x.RawValue, unit) : null;

}
