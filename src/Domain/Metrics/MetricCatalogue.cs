using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Visits;

namespace Cohort.Domain.Metrics;

public static class MetricCatalogue
{
    /// <summary>
    /// Markers (in <see cref="Marker"/> order, up to haemoglobin), then indices (in <see cref="IndexId"/> order), then the 2-h OGTT
    /// samples, then markers added later. Positions index the metric arrays the shards store, so they never move: a new metric is
    /// appended. Treatment indicators are not metrics. Fasting-sensitive markers are their fasting values, and say so.
    /// </summary>
    public static IReadOnlyList<Metric> All { get; } =
        MarkerCatalogue.All.Where(m => m.Marker <= Markers.Marker.Hemoglobin).Select(MarkerMetric)
            .Concat(IndexCatalogue.All.Select(i => new Metric(i.Definition.Code, i.Definition.Name, i.Definition.Unit, MetricKind.Index,
                i.Definition.Skewed, null, i.Definition.Id)))
            .Concat([
                new Metric("glucose_2h", "2-h OGTT glucose", "mmol/L", MetricKind.OgttSample, true, Markers.Marker.Glucose, null, 120),
                new Metric("insulin_2h", "2-h OGTT insulin", "pmol/L", MetricKind.OgttSample, true, Markers.Marker.Insulin, null, 120),
            ])
            .Concat(MarkerCatalogue.All.Where(m => m.Marker > Markers.Marker.Hemoglobin && !m.Indicator).Select(MarkerMetric))
            .ToArray();

    /// <summary>The metric of a marker's value at the visit (its fasting value when the marker depends on fasting).</summary>
    public static Metric MarkerMetric(MarkerDefinition m) =>
        new(m.Code, m.FastingSensitive ? $"{m.Name} (fasting)" : m.Name, m.CanonicalUnit, MetricKind.Marker, m.Skewed, m.Marker, null)
        {
            FastingMarker = m.FastingSensitive,
        };

    private static readonly IReadOnlyDictionary<Metric, int> Positions = All.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);

    /// <summary>The metric's position in <see cref="All"/>, which indexes the metric arrays of shard summaries.</summary>
    public static int PositionOf(Metric metric) => Positions[metric];

    /// <summary>The position of the metric with this code (which must exist).</summary>
    public static int PositionOf(string code) =>
        TryResolve(code, out var m) ? Positions[m] : throw new ArgumentException($"unknown metric '{code}'", nameof(code));

    public static bool TryResolve(string? code, out Metric metric)
    {
        metric = All.FirstOrDefault(m => string.Equals(m.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return metric is not null;
    }

    /// <summary>
    /// Every metric of one visit, as the cohort shards keep them (NaN when missing or undefined): Cohort's in <see cref="All"/> order,
    /// then each study marker of <paramref name="markers"/> at the position of its number.
    /// </summary>
    public static float[] Values(AssembledVisit visit, IReadOnlyList<IndexResult> indices, MarkerRegistry? markers = null)
    {
        var values = new float[markers?.MetricSlots ?? All.Count];
        if (values.Length > All.Count)
        {
            Array.Fill(values, float.NaN, All.Count, values.Length - All.Count);
            foreach (var d in markers!.Study)
                if (!d.Indicator && visit.Value(d.Marker) is { } v) values[(int)d.Marker] = (float)v;
        }
        for (var k = 0; k < All.Count; k++)
        {
            var m = All[k];
            double? v = m.Kind switch
            {
                MetricKind.Marker => visit.Value(m.Marker!.Value),
                MetricKind.Index => indices[(int)m.Index!.Value].Value,
                _ => (m.Marker == Markers.Marker.Glucose ? visit.Measurements.GlucoseCurve : visit.Measurements.InsulinCurve)?.At(m.OgttMinute!.Value),
            };
            values[k] = v is { } x ? (float)x : float.NaN;
        }
        return values;
    }
}
