namespace Cohort.Grains.Shards;

/// <summary>
/// A decided run and those of its participants whose stored states may still hold its change pending (the published participant
/// kept beside it, or the change of a run that was abandoned), for the shard to settle (<see cref="Participants.ParticipantWriter.SettleAsync"/>).
/// The shard's base keeps the ones left when it is written (<see cref="ShardState.Unsettled"/>), so that a shard stopped before it
/// settled them settles them once activated again.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Grains.Shards.UnsettledRun")]
public sealed record UnsettledRun([property: Id(0)] string Run, [property: Id(1)] string[] Participants);
