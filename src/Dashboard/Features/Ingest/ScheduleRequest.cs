using System.Text.Json.Serialization;

namespace Cohort.Dashboard.Features.Ingest;

/// <summary>A schedule as the API takes it (snake_case JSON, as the CLI's options).</summary>
public sealed record ScheduleRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("cron")] string? Cron,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("participants")] string? Participants = null,
    [property: JsonPropertyName("layout")] string? Layout = null,
    [property: JsonPropertyName("mapping")] string? Mapping = null,
    [property: JsonPropertyName("threshold")] double? Threshold = null,
    [property: JsonPropertyName("timezone")] string? TimeZone = null,
    [property: JsonPropertyName("max_rows_per_second")] long? MaxRowsPerSecond = null);
