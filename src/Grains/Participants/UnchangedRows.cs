namespace Cohort.Grains.Participants;

/// <summary>
/// Which rows of a participant's stored table a run has given again with the same value (a bitmap, bit k for row k:
/// <see cref="ObservationTable.Merge"/>), so that a later row group or file of the run giving one of them again is a repeat. Grown by
/// the write calls of one run, stored with each call's shard segment (<see cref="Shards.ShardSegment.Given"/>).
/// </summary>
public readonly record struct UnchangedRows(string ParticipantId, ulong[] Rows);
