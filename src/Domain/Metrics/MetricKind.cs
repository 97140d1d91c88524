namespace Cohort.Domain.Metrics;

/// <summary>A marker's value at the visit, a derived index, or one timed OGTT sample (the 2-h glucose and insulin).</summary>
public enum MetricKind { Marker, Index, OgttSample }
