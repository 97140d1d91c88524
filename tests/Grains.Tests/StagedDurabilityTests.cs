using Cohort.Contracts.Ingest;
using Cohort.Grains.Participants;
using Cohort.Grains.Shards;
using Cohort.Grains.Storage;
using Cohort.Ingest.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Cohort.Grains.Tests;

/// <summary>
/// A run's staged writes (participants' states, shards' log segments) are committed without a sync of their own; what makes them
/// durable is the run's commit record, committed synced after every one of them in the same store. Checked on the order in which a
/// real ingest's transactions were committed.
/// </summary>
public sealed class StagedDurabilityTests(GeneratedDrop drop) : IClassFixture<GeneratedDrop>
{
    [Fact]
    public async Task Every_staged_write_of_a_run_is_committed_before_its_synced_commit_record_and_nothing_else_is_staged()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Test:RecordTransactions"] = "true" });
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        var log = (TransactionLog)((InProcessSiloHandle)cluster.Cluster.Primary!).ServiceProvider.GetRequiredService<IStateStore>();
        var committed = log.Committed;

        // The run staged its participants and segments, and only those; a transaction is unsynced exactly when all its writes are staged.
        var staged = committed.SelectMany(t => t.Writes).Where(w => w.Staged).ToArray();
        Assert.Equal(drop.Manifest.Participants, staged.Where(w => w.Type == ParticipantWriter.StateType).Select(w => w.Key).Distinct().Count());
        Assert.Contains(staged, w => w.Type == ShardLog.StateType);
        Assert.All(staged, w => Assert.True(w.Type == ParticipantWriter.StateType || w.Type == ShardLog.StateType, w.Type));
        Assert.All(committed, t => Assert.Equal(t.Writes.Any(w => !w.Staged), t.Synced));

        // The commit log was written three times, each synced: the run opened, committed, recorded. Every staged write came between the
        // opening and the commit record, so the commit record's sync made all of them durable before the run was published.
        var runsLog = committed.Select((t, i) => (t, i)).Where(x => x.t.Writes.Any(w => w.Type.StartsWith("ingestruns/", StringComparison.Ordinal))).Select(x => x.i).ToArray();
        var unsynced = committed.Select((t, i) => (t, i)).Where(x => !x.t.Synced).Select(x => x.i).ToArray();
        Assert.Equal(3, runsLog.Length);
        Assert.All(runsLog, i => Assert.True(committed[i].Synced));
        Assert.NotEmpty(unsynced);
        Assert.True(runsLog[0] < unsynced.First(), "the run's opening is committed before its first staged write");
        Assert.True(unsynced.Last() < runsLog[1], "the run's commit record is committed after its last staged write");
    }
}
