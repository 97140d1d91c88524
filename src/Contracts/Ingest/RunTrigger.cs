using System.Text.Json.Serialization;

namespace Cohort.Contracts.Ingest;

/// <summary>What started an ingest run. Written as its lower-case code.</summary>
[JsonConverter(typeof(LowerCaseEnumConverter<RunTrigger>))]
public enum RunTrigger
{
    Manual,
    Schedule,
    Replay,
    Demo,
}
