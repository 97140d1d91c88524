using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Metrics;

public enum MetricKind { Marker, Index }

/// <summary>Anything Cohort can report a distribution of: a canonical marker or a derived index, with its code, unit and skew.</summary>
public sealed record Metric(string Code, string Name, string Unit, MetricKind Kind, bool Skewed, Marker? Marker, IndexId? Index);

public static class MetricCatalogue
{
    public static IReadOnlyList<Metric> All { get; } =
        MarkerCatalogue.All.Select(m => new Metric(m.Code, m.Name, m.CanonicalUnit.Symbol(), MetricKind.Marker, m.Skewed, m.Marker, null))
            .Concat(IndexCatalogue.All.Select(i => new Metric(i.Definition.Code, i.Definition.Name, i.Definition.Unit, MetricKind.Index,
                i.Definition.Skewed, null, i.Definition.Id)))
            .ToArray();

    private static readonly IReadOnlyDictionary<Metric, int> Positions = All.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);

    /// <summary>The metric's position in <see cref="All"/>, which indexes the metric arrays of shard summaries.</summary>
    public static int PositionOf(Metric metric) => Positions[metric];

    public static bool TryResolve(string? code, out Metric metric)
    {
        metric = All.FirstOrDefault(m => string.Equals(m.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return metric is not null;
    }
}
