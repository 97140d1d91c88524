namespace Cohort.Contracts.Participants;

/// <summary>One participant's batch of an ingest run, as the run sends it to the participant's shard (the writer of their data).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.ParticipantWrite")]
public sealed record ParticipantWrite([property: Id(0)] string ParticipantId, [property: Id(1)] ParticipantBatch Batch);
