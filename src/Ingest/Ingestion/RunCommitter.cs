using Cohort.Contracts.Ingest;
using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// The commit protocol from the runner's side. A run opens in the commit log before its first write (waiting while another run
/// writes), stages everything (participants keep their published state beside the change; shards keep staged summaries beside their
/// columns), has every shard make its staging durable, and then writes one commit record: from that moment every query sees all of
/// the run, and before it none. Publication tells the shards at once; a shard that misses it catches up from the commit log.
/// </summary>
internal sealed class RunCommitter(IGrainFactory grains, string runId, int shards)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly IIngestRunsGrain _runs = grains.GetGrain<IIngestRunsGrain>(0);

    /// <summary>What each shard must hold staged at the commit: participants sent (each once) or event rows.</summary>
    private readonly int[] _expected = new int[shards];

    public bool Opened { get; private set; }
    public bool Committed { get; set; }

    private IEnumerable<ICohortShardGrain> Shards() => Enumerable.Range(0, shards).Select(i => grains.GetGrain<ICohortShardGrain>(i));

    public async Task OpenAsync(string trigger, DateTime started, IReadOnlyList<IngestedFile> inputs, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var entry = new RunCommit(runId, trigger, started, RunCommitState.Open) { Inputs = inputs };
        while (await _runs.Open(entry) is { } other)
        {
            progress?.Report(new IngestProgress(0, 0, $"waiting for run {other} to finish writing"));
            await Task.Delay(Poll, ct);
        }
        Opened = true;
    }

    /// <summary>A participant the run sends a batch to (counted once per participant).</summary>
    public void Expect(string participantId) => Expect(ShardMap.ShardOf(participantId, shards), 1);

    public void Expect(int shard, int items) => Interlocked.Add(ref _expected[shard], items);

    /// <summary>
    /// Every shard makes the run's staging durable, checking that it holds all it was sent (a shard whose silo was lost mid-run comes
    /// back without what it had staged in memory, and refuses), then the commit record publishes it; returns the epoch it made.
    /// </summary>
    public async Task<long> CommitAsync()
    {
        using var activity = IngestRunner.Activity.StartActivity("commit run");
        await Task.WhenAll(Shards().Select((s, i) => s.Prepare(runId, _expected[i])));
        var epoch = await _runs.Commit(runId);
        Committed = true;
        return epoch;
    }

    /// <summary>Tells every shard; what the events did comes back from them.</summary>
    public async Task<EventMerge> PublishAsync(long epoch)
    {
        using var activity = IngestRunner.Activity.StartActivity("publish run");
        var merges = await Task.WhenAll(Shards().Select(s => s.Publish(runId, epoch)));
        return new EventMerge(merges.Sum(m => m.Added), merges.Sum(m => m.Unchanged), merges.Sum(m => m.Extended));
    }

    /// <summary>Whether the commit record landed although the call failed (it timed out, or the answer was lost): the commit log decides.</summary>
    public async Task<bool> LandedAsync()
    {
        try
        {
            return (await _runs.Decision(runId))?.State == RunCommitState.Committed;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>Abandons the run when it opened but did not commit (best effort: a restart of the runs grain abandons it too).</summary>
    public async Task AbandonAsync(string reason)
    {
        if (!Opened || Committed) return;
        try
        {
            await _runs.Abandon(runId, reason);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The runs grain is unreachable: it abandons the run when it next activates, or when another run finds this one silent.
        }
    }
}
