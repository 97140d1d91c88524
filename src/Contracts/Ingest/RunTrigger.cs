using System.Text.Json.Serialization;

namespace Cohort.Contracts.Ingest;

/// <summary>What started an ingest run. Written as its lower-case code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunTrigger>))]
public enum RunTrigger
{
    [JsonStringEnumMemberName("manual")] Manual,
    [JsonStringEnumMemberName("schedule")] Schedule,
    [JsonStringEnumMemberName("replay")] Replay,
    [JsonStringEnumMemberName("demo")] Demo,
}
