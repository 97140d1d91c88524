using System.Text.Json.Serialization;
using Cohort.Domain.Units;
using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Layouts;

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
