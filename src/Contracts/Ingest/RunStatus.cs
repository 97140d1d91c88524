using System.Text.Json.Serialization;

namespace Cohort.Contracts.Ingest;

/// <summary>
/// How an ingest run ended: succeeded; rejected (the share of rejected rows passed the run's threshold, nothing published); failed
/// (a file or schema problem, or the cluster failed, nothing published); skipped (every file was already ingested with the same
/// content). Written as its lower-case code in JSON, CSV and stored state.
/// </summary>
[JsonConverter(typeof(LowerCaseEnumConverter<RunStatus>))]
public enum RunStatus
{
    Succeeded,
    Rejected,
    Failed,
    Skipped,
}
