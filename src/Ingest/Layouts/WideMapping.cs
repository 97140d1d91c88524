using System.Text.Json;
using System.Text.Json.Serialization;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Layouts;

/// <summary>
/// The JSON mapping that makes a wide file (one row per participant and visit, one column per marker) readable: the participant and
/// date columns (or one visit date for a survey cycle without dates), each marker column's marker, unit and OGTT minute, optional
/// demographic columns, and aliases that translate a site's own marker codes and unit spellings (these also apply to long files).
/// </summary>
public sealed record WideMapping(
    [property: JsonPropertyName("participant_column")] string ParticipantColumn,
    [property: JsonPropertyName("date_column")] string? DateColumn,
    [property: JsonPropertyName("columns")] IReadOnlyList<WideColumn> Columns)
{
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>The visit date of every row when the file has no date column (e.g. the midpoint of an NHANES cycle).</summary>
    [JsonPropertyName("visit_date")] public DateOnly? VisitDate { get; init; }

    [JsonPropertyName("demographics")] public WideDemographics? Demographics { get; init; }

    [JsonPropertyName("marker_aliases")] public IReadOnlyDictionary<string, string>? MarkerAliases { get; init; }

    [JsonPropertyName("unit_aliases")] public IReadOnlyDictionary<string, string>? UnitAliases { get; init; }

    /// <summary>The fasting status of rows that do not say (no fasting flag, no OGTT minute): "true", "false" or "unknown" (default).</summary>
    [JsonPropertyName("fasting_default")] public string? FastingDefault { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static WideMapping FromJson(string json) =>
        JsonSerializer.Deserialize<WideMapping>(json, Json) ?? throw new JsonException("the mapping file is empty");

    /// <summary>
    /// Checks the mapping before any file is read: every column names a known marker and a unit of that marker. An unknown unit or
    /// marker fails the run, naming the mapping and the column.
    /// </summary>
    public void Check(string source, MarkerRegistry? markers = null)
    {
        if (string.IsNullOrWhiteSpace(ParticipantColumn)) throw new IngestException($"{source}: participant_column is required");
        if (DateColumn is null && VisitDate is null) throw new IngestException($"{source}: give date_column or visit_date");
        if (Columns.Count == 0) throw new IngestException($"{source}: the mapping names no marker columns");
        _ = FastingDefaults.Parse(FastingDefault, $"{source}: fasting_default");
        var converter = markers is null ? UnitConverter.Default : new UnitConverter(markers: markers);
        foreach (var c in Columns)
        {
            var code = MarkerAliases?.GetValueOrDefault(c.Marker) ?? c.Marker;
            if (!converter.Markers.TryResolve(code, out var def, out _))
                throw new IngestException($"{source}: column '{c.Column}': marker '{c.Marker}' is neither a marker code (Cohort's or the study's: cohort markers list) nor a known LOINC code");
            var unit = UnitAliases?.GetValueOrDefault(c.Unit) ?? c.Unit;
            var probe = converter.ToCanonical(def.Marker, 1.0, unit);
            if (!probe.Ok) throw new IngestException($"{source}: column '{c.Column}': unknown unit '{c.Unit}' for {def.Code}: {probe.Error}");
            if (c.OgttMinute is < 0 or > 300) throw new IngestException($"{source}: column '{c.Column}': ogtt_minute {c.OgttMinute} is outside 0–300");
        }
    }
}
