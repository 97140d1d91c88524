using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;

namespace Cohort.Grains.Shards;

/// <summary>
/// What one call of a run staged in a shard, stored as one row of the shard's log: the summaries of the participants it wrote, or the
/// outcome event rows it brought. Written once, never changed; deleted when the shard's base state has taken it in.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Grains.Shards.ShardSegment")]
public sealed record ShardSegment(
    [property: Id(0)] ParticipantSummary[] Summaries,
    [property: Id(1)] EventRows[] Events);
