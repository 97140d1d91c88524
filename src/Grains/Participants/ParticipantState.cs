using Cohort.Contracts.Participants;

namespace Cohort.Grains.Participants;

/// <summary>
/// A participant's stored state, written by their shard (<see cref="ParticipantWriter"/>) and read by their grain: demographics, the
/// factors the canonical values were converted with, and the series.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Grains.Participants.ParticipantState")]
public sealed class ParticipantState
{
    [Id(0)] public Demographics? Demographics { get; set; }
    [Id(1)] public FactorsUsed? Factors { get; set; }
    [Id(2)] public ObservationColumns Observations { get; set; } = new();

    /// <summary>
    /// The participant's secret record key for the cell key method (Cohort.Domain.Disclosure.CellKey): drawn at random on the first
    /// ingest (0 = not drawn yet, for a participant stored before keys existed: drawn at its next ingest), never derived from the id,
    /// never exported or shown.
    /// </summary>
    [Id(3)] public uint RecordKey { get; set; }

    /// <summary>
    /// The run whose changes this state holds before its commit (null when every change here is published), and the participant as
    /// published before it. Settled once the commit log has decided (by the participant's shard soon after, or at the participant's next
    /// write if the shard stopped first): dropped when the run committed, restored when it was abandoned (a participant new in an
    /// abandoned run is deleted).
    /// </summary>
    [Id(4)] public string? PendingRun { get; set; }
    [Id(5)] public ParticipantSnapshot? Before { get; set; }
}
