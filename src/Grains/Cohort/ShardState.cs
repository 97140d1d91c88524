using Cohort.Contracts.Cohort;

namespace Cohort.Grains.Cohort;

/// <summary>A shard's persisted blob: the summaries of its participants.</summary>
[GenerateSerializer]
public sealed class ShardState
{
    [Id(0)] public List<ParticipantSummary> Rows { get; set; } = [];
}
