using System.Text.Json;
using System.Text.Json.Serialization;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Layouts;

/// <summary>
/// One column of a wide file: which marker it holds (canonical code or LOINC), in which unit, at which OGTT minute, fasting or not.
/// A coded column (a questionnaire answer such as NHANES DIQ050, 1 yes / 2 no / 7 refused / 9 don't know) gives <c>value_codes</c>:
/// each code's value (1 or 0 for an indicator); a code not listed is missing, never a value.
/// </summary>
public sealed record WideColumn(
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("marker")] string Marker,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("ogtt_minute")] int? OgttMinute = null,
    [property: JsonPropertyName("fasting")] bool? Fasting = null,
    [property: JsonPropertyName("value_codes")] IReadOnlyDictionary<string, double>? ValueCodes = null)
{
    /// <summary>Replaces each coded number by its value; codes not listed become missing.</summary>
    public static double?[] Decode(double?[] raw, IReadOnlyDictionary<string, double> codes)
    {
        var decoded = new double?[raw.Length];
        for (var i = 0; i < raw.Length; i++)
            if (raw[i] is { } x && codes.TryGetValue(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture), out var value)) decoded[i] = value;
        return decoded;
    }
}

/// <summary>
/// Demographic columns of a wide file that carries them (NHANES does): coded values are translated with the code tables ("1" → "M");
/// the age is the age at the visit, taken as the age at baseline.
/// </summary>
public sealed record WideDemographics(
    [property: JsonPropertyName("sex_column")] string? SexColumn = null,
    [property: JsonPropertyName("sex_codes")] IReadOnlyDictionary<string, string>? SexCodes = null,
    [property: JsonPropertyName("age_column")] string? AgeColumn = null,
    [property: JsonPropertyName("birth_year_column")] string? BirthYearColumn = null,
    [property: JsonPropertyName("ethnicity_column")] string? EthnicityColumn = null,
    [property: JsonPropertyName("ethnicity_codes")] IReadOnlyDictionary<string, string>? EthnicityCodes = null,
    [property: JsonPropertyName("site_column")] string? SiteColumn = null,
    [property: JsonPropertyName("site")] string? Site = null,
    [property: JsonPropertyName("weight_column")] string? WeightColumn = null,
    [property: JsonPropertyName("diabetes_diagnosed_column")] string? DiabetesDiagnosedColumn = null,
    [property: JsonPropertyName("diabetes_diagnosed_codes")] IReadOnlyDictionary<string, string>? DiabetesDiagnosedCodes = null,
    [property: JsonPropertyName("strata_column")] string? StrataColumn = null,
    [property: JsonPropertyName("psu_column")] string? PsuColumn = null,
    [property: JsonPropertyName("fasting_weight_column")] string? FastingWeightColumn = null);

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
    public void Check(string source)
    {
        if (string.IsNullOrWhiteSpace(ParticipantColumn)) throw new IngestException($"{source}: participant_column is required");
        if (DateColumn is null && VisitDate is null) throw new IngestException($"{source}: give date_column or visit_date");
        if (Columns.Count == 0) throw new IngestException($"{source}: the mapping names no marker columns");
        _ = FastingDefaults.Parse(FastingDefault, $"{source}: fasting_default");
        var converter = UnitConverter.Default;
        foreach (var c in Columns)
        {
            var code = MarkerAliases?.GetValueOrDefault(c.Marker) ?? c.Marker;
            if (!MarkerCatalogue.TryResolve(code, out var def, out _))
                throw new IngestException($"{source}: column '{c.Column}': marker '{c.Marker}' is neither a Cohort marker code nor a known LOINC code");
            var unit = UnitAliases?.GetValueOrDefault(c.Unit) ?? c.Unit;
            var probe = converter.ToCanonical(def.Marker, 1.0, unit);
            if (!probe.Ok) throw new IngestException($"{source}: column '{c.Column}': unknown unit '{c.Unit}' for {def.Code}: {probe.Error}");
            if (c.OgttMinute is < 0 or > 300) throw new IngestException($"{source}: column '{c.Column}': ogtt_minute {c.OgttMinute} is outside 0–300");
        }
    }
}
