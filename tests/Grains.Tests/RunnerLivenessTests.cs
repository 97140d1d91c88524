using System.Diagnostics;
using Cohort.Contracts.Ingest;
using Cohort.Grains.Ingest;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.TestingHost;

namespace Cohort.Grains.Tests;

/// <summary>
/// A run's fate follows its runner's silo, not the runs grain's: the runs grain activated again elsewhere (its silo lost) keeps a run
/// open while the silo running it is in the cluster, and a run whose runner's silo leaves is abandoned without waiting for a restart.
/// Most runners here run inside a silo of a two-silo cluster, as a scheduled ingest does; a runner outside any silo (the CLI against a
/// cluster) is judged by its silence instead: it reports while its run goes on, and a run that falls silent is abandoned.
/// </summary>
public sealed class RunnerLivenessTests(GeneratedDrop drop) : IClassFixture<GeneratedDrop>
{
    private static IGrainFactory GrainsOf(SiloHandle silo) => ((InProcessSiloHandle)silo).ServiceProvider.GetRequiredService<IGrainFactory>();

    private static RunCommit Opening(string runId) => new(runId, "manual", DateTime.UtcNow, RunCommitState.Open);

    private async Task<CohortCluster> Seeded()
    {
        var cluster = await CohortCluster.StartAsync(silos: 2);
        Assert.Equal(RunStatus.Succeeded, (await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]))).Status);
        return cluster;
    }

    /// <summary>
    /// Has the runs grain activated again while <paramref name="runId"/> is open. A progress report lives in the activation's memory
    /// only: once it is gone from the list, the grain was activated again.
    /// </summary>
    private static async Task ActivateAgain(CohortCluster cluster, IIngestRunsGrain runs, string runId)
    {
        await runs.Running(new RunProgress(runId, "manual", DateTime.UtcNow, "writing", 1, 2, DateTime.UtcNow));
        Assert.Single(await runs.InProgress());
        await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await runs.InProgress()).Count > 0) await Task.Delay(50, patience.Token);
    }

    [Fact]
    public async Task A_run_whose_runner_lives_on_stays_open_when_the_runs_grain_is_activated_again_and_commits()
    {
        await using var cluster = await Seeded();
        var runner = cluster.Cluster.Primary!;
        var runs = GrainsOf(runner).GetGrain<IIngestRunsGrain>(0);
        Assert.Null(await runs.Open(Opening("run-live")));
        Assert.Equal(runner.SiloAddress.ToParsableString(), (await runs.Decision("run-live"))!.Runner);

        await ActivateAgain(cluster, runs, "run-live");

        Assert.Equal(RunCommitState.Open, (await runs.Decision("run-live"))!.State);
        var epoch = await runs.Commit("run-live");
        Assert.Equal(new PublishedData(epoch, "run-live"), await runs.Published());
    }

    [Fact]
    public async Task A_run_whose_runner_is_outside_any_silo_stays_open_when_the_runs_grain_is_activated_again_while_another_silo_is_up()
    {
        await using var cluster = await Seeded();
        // Opened from the test's client, as the CLI opens a run: it names no silo.
        var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
        Assert.Null(await runs.Open(Opening("run-client")));
        Assert.Null((await runs.Decision("run-client"))!.Runner);
        await ActivateAgain(cluster, runs, "run-client");

        // Two silos are up, so the client may still be connected through one of them: the run stays open, judged by its silence
        // (a single silo's restart abandons such a run at once: AtomicRunTests), and it commits.
        Assert.Equal(RunCommitState.Open, (await runs.Decision("run-client"))!.State);
        var epoch = await runs.Commit("run-client");
        Assert.Equal(new PublishedData(epoch, "run-client"), await runs.Published());
    }

    [Fact]
    public async Task A_run_whose_runner_silo_leaves_the_cluster_is_abandoned_and_the_history_says_so()
    {
        await using var cluster = await Seeded();
        var runner = cluster.Cluster.SecondarySilos[0];
        Assert.Null(await GrainsOf(runner).GetGrain<IIngestRunsGrain>(0).Open(Opening("run-orphan")));
        await cluster.Cluster.StopSiloAsync(runner);

        // Asked about (as a shard holding its staged data asks), the run is found orphaned: wherever the runs grain is now.
        var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await runs.Decision("run-orphan"))!.State == RunCommitState.Open) await Task.Delay(100, patience.Token);
        Assert.Equal(RunCommitState.Abandoned, (await runs.Decision("run-orphan"))!.State);
        var history = await runs.Get("run-orphan");
        Assert.Equal(RunStatus.Failed, history!.Status);
        Assert.Contains("nothing of it was published", history.Message);
        await Assert.ThrowsAsync<RunNotOpenException>(() => runs.Commit("run-orphan"));
        // The next run opens at once.
        Assert.Null(await runs.Open(Opening("run-next")));
    }

    [Fact]
    public async Task A_run_whose_runner_named_no_readable_silo_is_abandoned_and_does_not_stop_the_runs_grain_from_activating()
    {
        await using var cluster = await Seeded();
        var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
        // A client's call passes no silo's filter: the name it sets is stored as it is, as a damaged or foreign record would be.
        RequestContext.Set(RunnerSilo.Key, "not a silo address");
        try
        {
            Assert.Null(await runs.Open(Opening("run-garbled")));
        }
        finally
        {
            RequestContext.Remove(RunnerSilo.Key);
        }
        // Activated again with the run in its state (or judged by the activation's own check first): either way it is abandoned.
        await runs.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await runs.Decision("run-garbled"))!.State == RunCommitState.Open) await Task.Delay(100, patience.Token);
        var decided = (await runs.Decision("run-garbled"))!;
        Assert.Equal(RunCommitState.Abandoned, decided.State);
        Assert.Equal("not a silo address", decided.Runner);
        Assert.Equal(RunStatus.Failed, (await runs.Get("run-garbled"))!.Status);
        Assert.Null(await runs.Open(Opening("run-next")));
    }

    /// <summary>The shortest silence these tests allow a runner outside any silo: above the runner's ten-second keep-alive, with room.</summary>
    private static readonly Dictionary<string, string?> QuickSilence = new() { ["Cohort:ClientRunnerSilenceSeconds"] = "15" };

    [Fact]
    public async Task A_run_whose_runner_outside_any_silo_falls_silent_is_abandoned_and_the_next_run_opens()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1, settings: QuickSilence);
        // Opened from the test's client, as the CLI opens a run, and then never heard from again (the CLI was killed).
        var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
        Assert.Null(await runs.Open(Opening("run-quiet")));
        Assert.Null((await runs.Decision("run-quiet"))!.Runner);
        Assert.Equal("run-quiet", await runs.Open(Opening("run-waiting")));

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await runs.Decision("run-quiet"))!.State == RunCommitState.Open) await Task.Delay(250, patience.Token);
        Assert.Equal(RunCommitState.Abandoned, (await runs.Decision("run-quiet"))!.State);
        var history = (await runs.Get("run-quiet"))!;
        Assert.Equal(RunStatus.Failed, history.Status);
        Assert.Contains("its runner, outside any silo, was not heard from for 15 seconds", history.Message);
        Assert.Contains("nothing of it was published", history.Message);
        await Assert.ThrowsAsync<RunNotOpenException>(() => runs.Commit("run-quiet"));
        Assert.Null(await runs.Open(Opening("run-waiting")));
    }

    [Fact]
    public async Task A_runner_outside_any_silo_keeps_its_run_open_through_a_silence_longer_than_allowed()
    {
        var dir = Path.Combine(drop.Directory, "kept-alive");
        var manifest = await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = 100, Visits = 2, Seed = 31, ChunkSize = 50 }, dir);
        await using var cluster = await CohortCluster.StartAsync(silos: 1, settings: QuickSilence);
        var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
        // Paced so that the second of its two row groups is due about 22 s after the first: the pacing reports only after a 20 s slice,
        // so without the runner's keep-alive the run would be silent for longer than the 15 s allowed.
        var rate = Math.Max(1, manifest.ObservationRows / 2 / 22);
        var paced = new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(Path.Combine(dir, "participants.parquet"), [Path.Combine(dir, "observations.parquet")])
        {
            RunId = "run-paced", MaxRowsPerSecond = rate,
        });

        // Another run asking to open all along (as a second CLI would) finds the paced run open, never silent, until it commits.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while ((await runs.Decision("run-paced"))?.State != RunCommitState.Open && !paced.IsCompleted) await Task.Delay(50, patience.Token);
        var open = Stopwatch.StartNew();
        while (!paced.IsCompleted)
        {
            var other = await runs.Open(Opening("run-second"));
            if (other is null)
            {
                var decided = (await runs.Decision("run-paced"))!;
                Assert.True(decided.State == RunCommitState.Committed, $"the paced run was {decided.State}: {decided.Reason}");
                break;
            }
            Assert.Equal("run-paced", other);
            await Task.Delay(500, patience.Token);
        }
        var run = await paced;
        Assert.True(run.Status == RunStatus.Succeeded, run.Message);
        Assert.Equal(manifest.ObservationRows, run.RowsAccepted);
        Assert.True(open.Elapsed > TimeSpan.FromSeconds(15), $"the run was open for {open.Elapsed.TotalSeconds:0.0} s: it should have outlasted the silence allowed");
    }
}
