using System.Text.Json;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Queries;
using Cohort.Grains.Storage;
using Cohort.Ingest.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cohort.Grains.Tests;

/// <summary>
/// Shards persist incrementally: each write call appends a segment to the shard's log, a run commits without rewriting any shard's
/// columns, a restart replays the log over the base, and a compaction (here asked for with FlushShards) writes the base and deletes
/// the segments it holds.
/// </summary>
public sealed class ShardLogTests(GeneratedDrop drop) : IClassFixture<GeneratedDrop>
{
    private static async Task<string> Published(CohortCluster c)
    {
        var q = c.Grains.GetGrain<ICohortQueryGrain>(0);
        var overview = await q.Overview();
        var homa = await q.Distribution(new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.Sex, 2.5), "homa_ir");
        var prevalence = await q.Prevalence(new CohortQuery(CohortFilter.All, VisitChoice.Latest, Dimension.Site, 2.5), new Condition(ConditionKind.Category, "prediabetes"));
        return JsonSerializer.Serialize(new { overview.Participants, overview.Visits, overview.Observations, homa.Strata, prevalence });
    }

    private static async Task<(long Bases, long Segments)> Stored(string dir)
    {
        await using var store = new SqliteStateStore(Path.Combine(dir, "cohort.db"));
        await store.InitializeAsync(CancellationToken.None);
        return (await store.CountAsync("cohortshard/shard", CancellationToken.None), await store.CountAsync("cohortshard/segment", CancellationToken.None));
    }

    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    /// <summary>
    /// Writes shard 0's base as the build before the log left one whose run was staged: <paramref name="runId"/> in
    /// <see cref="Shards.ShardState.StagedRun"/> with one new participant's summary; returns that participant's id.
    /// </summary>
    private static async Task<string> StageInShard0Base(string dir, string runId)
    {
        var newcomer = Enumerable.Range(9_000_000, 1000).Select(i => $"P{i}").First(id => ShardMap.ShardOf(id, 8) == 0);
        await using var store = new SqliteStateStore(Path.Combine(dir, "cohort.db"));
        await store.InitializeAsync(CancellationToken.None);
        var stored = (await store.ReadAsync("cohortshard/shard", "0", CancellationToken.None))!.Value;
        var shard = Serializer.Deserialize<Shards.ShardState>(stored.Data)!;
        shard.StagedRun = runId;
        shard.StagedSummaries = [new ParticipantSummary
        {
            ParticipantId = newcomer, Sex = 1, BirthYear = 1970, Ethnicity = "", Site = "S01", SurveyWeight = float.NaN, Visits = 0,
            Observations = 0, ObservationsByMarker = [], AllVisits = [],
        }];
        Assert.Equal(new[] { true }, await store.ApplyAsync([new StateWrite("cohortshard/shard", "0", stored.Version, stored.Version + 1, Serializer.SerializeToArray(shard))], CancellationToken.None));
        return newcomer;
    }

    /// <summary>A cluster on a new store in <paramref name="dir"/> (kept when it stops) with the drop ingested.</summary>
    private async Task<CohortCluster> IngestedAsync(string dir, IDictionary<string, string?>? settings = null)
    {
        var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir, settings: settings);
        cluster.KeepDirectory = true;
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        return cluster;
    }

    [Fact]
    public async Task A_run_commits_without_rewriting_any_shard_and_a_restart_replays_the_log_over_the_base()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cohort-shardlog-" + Guid.NewGuid().ToString("N"));
        string published;
        await using (var cluster = await IngestedAsync(dir))
        {
            published = await Published(cluster);
            var (bases, segments) = await Stored(dir);
            Assert.Equal(0, bases);
            Assert.True(segments >= 8, $"{segments} segments for 8 shards");
        }
        // The silo stopped without writing a base: the restarted one replays the log.
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir))
        {
            cluster.KeepDirectory = true;
            Assert.Equal(published, await Published(cluster));
            Assert.Equal(0, (await Stored(dir)).Bases);
            await cluster.Grains.GetGrain<ICohortQueryGrain>(0).FlushShards();
            Assert.Equal((8, 0), await Stored(dir));
        }
        // Compacted: the base alone holds the run.
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir))
        {
            Assert.Equal(published, await Published(cluster));
            Assert.Equal((8, 0), await Stored(dir));
        }
    }

    /// <summary>
    /// A replay reads the log run by run, a few segments at a time, and applies each as it reads it. Here each shard holds about a dozen
    /// segments of each of two runs (row groups of 25 participants), and the second run brings new values for half of the first's
    /// participants: the replay must read every segment, apply the runs in the order they committed, and publish what was published.
    /// </summary>
    [Fact]
    public async Task Runs_of_many_segments_replay_in_the_order_they_committed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cohort-shardlog-" + Guid.NewGuid().ToString("N"));
        var drops = Path.Combine(dir, "drops");
        await Cohort.Ingest.Synthetic.SyntheticCohortGenerator.GenerateAsync(
            new Cohort.Ingest.Synthetic.SynthOptions { Participants = 600, Visits = 2, Seed = 31, ChunkSize = 25 }, Path.Combine(drops, "first"));
        await Cohort.Ingest.Synthetic.SyntheticCohortGenerator.GenerateAsync(
            new Cohort.Ingest.Synthetic.SynthOptions { Participants = 300, Visits = 3, Seed = 32, ChunkSize = 25 }, Path.Combine(drops, "second"));
        string published;
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir))
        {
            cluster.KeepDirectory = true;
            // Run ids that list (in key order) opposite to the order the runs commit in: the replay must follow the commits.
            foreach (var (run, id) in new[] { ("first", "run-b"), ("second", "run-a") })
                Assert.Equal(RunStatus.Succeeded, (await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(
                    Path.Combine(drops, run, "participants.parquet"), [Path.Combine(drops, run, "observations.parquet")])
                { RunId = id })).Status);
            published = await Published(cluster);
            var (bases, segments) = await Stored(dir);
            Assert.Equal(0, bases);
            Assert.True(segments >= 8 * 2 * 9, $"{segments} segments for 8 shards and two runs of 24 and 12 row groups");
        }
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir))
            Assert.Equal(published, await Published(cluster));
    }

    /// <summary>
    /// A run that makes a shard's base due (here every run: one summary is enough) is compacted as soon as it is published, not at the
    /// next periodic check (here an hour away), so that a silo stopped soon after a large ingest restarts from bases.
    /// </summary>
    [Fact]
    public async Task A_run_that_makes_the_base_due_is_compacted_as_soon_as_it_is_published()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cohort-shardlog-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Cohort:ShardCompactionMinimum"] = "1", ["Cohort:ShardCompactionCheckSeconds"] = "3600" };
        string published;
        await using (var cluster = await IngestedAsync(dir, settings))
        {
            published = await Published(cluster);
            // Compaction runs in each shard's next turn after the publication: wait for it (bounded), asking nothing of the shards.
            var stored = await Stored(dir);
            for (var deadline = DateTime.UtcNow.AddMinutes(2); stored != (8, 0) && DateTime.UtcNow < deadline; stored = await Stored(dir))
                await Task.Delay(100);
            Assert.Equal((8, 0), stored);
        }
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir, settings: settings))
        {
            Assert.Equal(published, await Published(cluster));
            Assert.Equal((8, 0), await Stored(dir));
        }
    }

    /// <summary>
    /// The build before the log kept a run's staged summaries in the shard's base (<see cref="Shards.ShardState.StagedRun"/>). A base
    /// like that, whose run then committed, is applied when the shard activates, and the next base written no longer carries it.
    /// </summary>
    [Fact]
    public async Task A_run_staged_in_a_base_of_the_earlier_build_is_applied_when_it_committed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cohort-shardlog-" + Guid.NewGuid().ToString("N"));
        long participants;
        await using (var cluster = await IngestedAsync(dir))
        {
            participants = (await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants;
            await cluster.Grains.GetGrain<ICohortQueryGrain>(0).FlushShards();
            var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
            Assert.Null(await runs.Open(new RunCommit("run-legacy", "manual", DateTime.UtcNow, RunCommitState.Open)));
            await runs.Commit("run-legacy");
        }

        // As the earlier build left it: shard 0's base with the committed run's summary staged in it, which no shard applied yet.
        var newcomer = await StageInShard0Base(dir, "run-legacy");

        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir))
        {
            cluster.KeepDirectory = true;
            Assert.Equal(participants + 1, (await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants);
            await cluster.Grains.GetGrain<ICohortQueryGrain>(0).FlushShards();
            await using var store = new SqliteStateStore(Path.Combine(dir, "cohort.db"));
            await store.InitializeAsync(CancellationToken.None);
            var shard = Serializer.Deserialize<Shards.ShardState>((await store.ReadAsync("cohortshard/shard", "0", CancellationToken.None))!.Value.Data)!;
            Assert.Null(shard.StagedRun);
            Assert.Contains(newcomer, shard.Ids.Take(shard.Count));
        }
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir))
            Assert.Equal(participants + 1, (await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants);
    }

    /// <summary>
    /// A base of the earlier build whose staged run was still open when its silo stopped: the start abandons the run (its runner went
    /// with the silo) and the shard drops the staged data, writing its base again without it when it stops. Through two starts nothing
    /// of the run is published, it cannot be committed afterwards, and the history says it failed.
    /// </summary>
    [Fact]
    public async Task A_run_staged_in_a_base_of_the_earlier_build_and_open_when_the_silo_stopped_stays_unpublished_through_two_restarts()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cohort-shardlog-" + Guid.NewGuid().ToString("N"));
        long participants;
        string published;
        await using (var cluster = await IngestedAsync(dir))
        {
            participants = (await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants;
            published = await Published(cluster);
            await cluster.Grains.GetGrain<ICohortQueryGrain>(0).FlushShards();
            Assert.Null(await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Open(new RunCommit("run-legacy", "manual", DateTime.UtcNow, RunCommitState.Open)));
        }
        Assert.Equal((8, 0), await Stored(dir));

        var newcomer = await StageInShard0Base(dir, "run-legacy");

        // Two starts: the run abandoned at the first, whose stop writes the base without it; never published, never committable.
        for (var start = 1; start <= 2; start++)
        {
            await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir))
            {
                cluster.KeepDirectory = true;
                Assert.Equal(participants, (await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants);
                Assert.Equal((8, 0), await Stored(dir));
                var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
                Assert.Equal(RunCommitState.Abandoned, (await runs.Decision("run-legacy"))!.State);
                await Assert.ThrowsAsync<RunNotOpenException>(() => runs.Commit("run-legacy"));
                Assert.Equal(RunStatus.Failed, (await runs.Get("run-legacy"))!.Status);
                Assert.Equal(published, await Published(cluster));
            }
            await using var store = new SqliteStateStore(Path.Combine(dir, "cohort.db"));
            await store.InitializeAsync(CancellationToken.None);
            var shard = Serializer.Deserialize<Shards.ShardState>((await store.ReadAsync("cohortshard/shard", "0", CancellationToken.None))!.Value.Data)!;
            Assert.Null(shard.StagedRun);
            Assert.DoesNotContain(newcomer, shard.Ids.Take(shard.Count));
        }
    }
}
