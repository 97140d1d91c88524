using System.Text.Json;

namespace Cohort.Contracts;

/// <summary>
/// The one JSON naming policy of Cohort's public surfaces: the HTTP API, the CLI's <c>--json</c> output, <c>/healthz</c> and the
/// export manifest all write camelCase property names (System.Text.Json's web defaults, which ASP.NET Core uses for the API) and read
/// names case-insensitively. Files that describe Parquet columns (wide-layout mappings, the synthetic cohort's manifest) keep the
/// snake_case of the columns they name.
/// </summary>
public static class CohortJson
{
    /// <summary>Compact camelCase, for one document per line.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Indented camelCase, for files people open.</summary>
    public static JsonSerializerOptions Indented { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
