using System.Text.Json.Serialization;

namespace Cohort.Domain.Markers;

/// <summary>
/// One marker definition as written in a marker file: the built-in <c>Data/markers.json</c> and a study's own file
/// (<c>cohort markers add --file</c>) share this shape. Limits are in the canonical <see cref="Unit"/>; <see cref="Units"/> maps
/// other spellings to the factor that converts them into it. <see cref="Id"/> is the stored marker number: fixed for built-ins,
/// assigned by Cohort for a study's markers (a file may leave it out).
/// </summary>
public sealed record MarkerEntry
{
    [JsonPropertyName("id")] public int? Id { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    /// <summary>The canonical unit, a UCUM expression (or a spelling Cohort already knows, such as "mmol/L" or "µU/mL").</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }
    [JsonPropertyName("units")] public IReadOnlyDictionary<string, UnitFactorEntry>? Units { get; init; }
    [JsonPropertyName("loinc")] public IReadOnlyList<LoincEntry>? Loinc { get; init; }
    /// <summary>[low, high]: outside it a value is impossible (or a unit error) and is rejected; either end may be null.</summary>
    [JsonPropertyName("reject")] public IReadOnlyList<double?>? Reject { get; init; }
    /// <summary>[low, high]: outside it a value is possible but rare, and flagged for review.</summary>
    [JsonPropertyName("flag")] public IReadOnlyList<double?>? Flag { get; init; }
    /// <summary>[low, high] flag limits that apply to fasting samples only.</summary>
    [JsonPropertyName("fastingFlag")] public IReadOnlyList<double?>? FastingFlag { get; init; }
    [JsonPropertyName("ogttFlagAbove")] public double? OgttFlagAbove { get; init; }
    /// <summary>Reject a value equal to the lower reject limit too (insulin and C-peptide cannot be zero).</summary>
    [JsonPropertyName("rejectAtLowerBound")] public bool RejectAtLowerBound { get; init; }
    [JsonPropertyName("unitErrors")] public IReadOnlyList<UnitErrorEntry>? UnitErrors { get; init; }
    /// <summary>The marker depends on fasting: a visit uses a fasting sample only.</summary>
    [JsonPropertyName("fasting")] public bool Fasting { get; init; }
    /// <summary>Right-skewed: summaries use the median and a log scale.</summary>
    [JsonPropertyName("skewed")] public bool Skewed { get; init; }
    /// <summary>A yes/no indicator (1 or 0, unit "1"), recorded with the visit rather than measured.</summary>
    [JsonPropertyName("indicator")] public bool Indicator { get; init; }
    /// <summary>An outcome event code (participant_id, event, date in an events file) rather than a marker: only code, name, description.</summary>
    [JsonPropertyName("event")] public bool Event { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    /// <summary>Where the units, factors and limits come from.</summary>
    [JsonPropertyName("citation")] public string? Citation { get; init; }
}
