using System.Text.Json.Serialization;

namespace Cohort.Ingest.Layouts;

/// <summary>
/// Demographic columns of a wide file that carries them (NHANES does): coded values are translated with the code tables ("1" → "M");
/// the age is the age at the visit, taken as the age at baseline.
/// </summary>
public sealed record WideDemographics
{
    [JsonPropertyName("sex_column")] public string? SexColumn { get; init; }
    [JsonPropertyName("sex_codes")] public IReadOnlyDictionary<string, string>? SexCodes { get; init; }
    [JsonPropertyName("age_column")] public string? AgeColumn { get; init; }
    [JsonPropertyName("birth_year_column")] public string? BirthYearColumn { get; init; }
    [JsonPropertyName("ethnicity_column")] public string? EthnicityColumn { get; init; }
    [JsonPropertyName("ethnicity_codes")] public IReadOnlyDictionary<string, string>? EthnicityCodes { get; init; }
    [JsonPropertyName("site_column")] public string? SiteColumn { get; init; }
    [JsonPropertyName("site")] public string? Site { get; init; }
    [JsonPropertyName("weight_column")] public string? WeightColumn { get; init; }
    [JsonPropertyName("diabetes_diagnosed_column")] public string? DiabetesDiagnosedColumn { get; init; }
    [JsonPropertyName("diabetes_diagnosed_codes")] public IReadOnlyDictionary<string, string>? DiabetesDiagnosedCodes { get; init; }
    [JsonPropertyName("strata_column")] public string? StrataColumn { get; init; }
    [JsonPropertyName("psu_column")] public string? PsuColumn { get; init; }
    [JsonPropertyName("fasting_weight_column")] public string? FastingWeightColumn { get; init; }
}
