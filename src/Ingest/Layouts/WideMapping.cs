using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cohort.Ingest.Layouts;

/// <summary>One column of a wide file: which marker it holds, in which unit, at which OGTT minute, and whether it is a fasting sample.</summary>
public sealed record WideColumn(
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("marker")] string Marker,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("ogtt_minute")] int? OgttMinute = null,
    [property: JsonPropertyName("fasting")] bool? Fasting = null);

/// <summary>
/// The JSON mapping that makes a wide file (one row per participant and visit, one column per marker) readable: the participant and
/// date columns, and each marker column's marker, unit and OGTT minute.
/// </summary>
public sealed record WideMapping(
    [property: JsonPropertyName("participant_column")] string ParticipantColumn,
    [property: JsonPropertyName("date_column")] string DateColumn,
    [property: JsonPropertyName("columns")] IReadOnlyList<WideColumn> Columns)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static WideMapping FromJson(string json) =>
        JsonSerializer.Deserialize<WideMapping>(json, Json) ?? throw new JsonException("the mapping file is empty");
}
