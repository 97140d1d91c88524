using System.Text.Json.Serialization;

namespace Cohort.Domain.Markers;

/// <summary>A value range that, labelled with <see cref="Labelled"/>, usually means <see cref="Likely"/> (explains a reject or flag).</summary>
public sealed record UnitErrorEntry(
    [property: JsonPropertyName("labelled")] string Labelled,
    [property: JsonPropertyName("range")] IReadOnlyList<double> Range,
    [property: JsonPropertyName("likely")] string Likely);
