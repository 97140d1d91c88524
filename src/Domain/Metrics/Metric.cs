using Cohort.Domain.Indices;
using Cohort.Domain.Markers;

namespace Cohort.Domain.Metrics;

/// <summary>Anything Cohort can report a distribution of: a canonical marker, a derived index or an OGTT sample, with its code, unit and skew.</summary>
public sealed record Metric(string Code, string Name, string Unit, MetricKind Kind, bool Skewed, Marker? Marker, IndexId? Index, int? OgttMinute = null)
{
    /// <summary>A marker that depends on fasting: the metric is its fasting value.</summary>
    public bool FastingMarker { get; init; }
}
