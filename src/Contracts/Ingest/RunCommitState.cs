using System.Text.Json.Serialization;

namespace Cohort.Contracts.Ingest;

/// <summary>
/// Where a writing run stands in the commit protocol: open (writing; nothing of it is visible), committed (its commit record is durable
/// and every query from then on sees all of it), abandoned (it stopped before committing: nothing of it is ever visible), or unknown
/// (no run of that id ever opened).
/// </summary>
[JsonConverter(typeof(LowerCaseEnumConverter<RunCommitState>))]
public enum RunCommitState
{
    Unknown,
    Open,
    Committed,
    Abandoned,
}
