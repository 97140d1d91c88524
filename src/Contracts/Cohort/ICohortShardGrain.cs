namespace Cohort.Contracts.Cohort;

/// <summary>
/// One shard (key 0..S−1) of the cohort's participant summaries, held in memory as columns and persisted as one blob.
/// Participants map to shards by a stable hash of their id.
/// </summary>
public interface ICohortShardGrain : IGrainWithIntegerKey
{
    Task Upsert(ParticipantSummary summary);

    Task<DistributionPartial> Distribution(int metric, VisitSelector visit);

    Task<ShardOverview> Overview();

    /// <summary>Persists the shard's blob if it changed since the last write.</summary>
    Task Flush();
}

/// <summary>Stateless map-reduce over the shards: sends each query to every shard and merges the partial results.</summary>
public interface ICohortQueryGrain : IGrainWithIntegerKey
{
    Task<DistributionResult> Distribution(string metric, VisitSelector visit);

    Task<CohortOverview> Overview();

    /// <summary>Persists every shard (called at the end of an ingest run).</summary>
    Task FlushShards();
}
