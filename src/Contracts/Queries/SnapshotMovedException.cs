namespace Cohort.Contracts.Queries;

/// <summary>
/// A shard was asked for the data as of an epoch it has already moved past (a run was published while the query ran); the query
/// pins the newer epoch and asks again, so that no answer mixes shards from before and after a run.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Queries.SnapshotMovedException")]
public sealed class SnapshotMovedException(string message) : Exception(message);
