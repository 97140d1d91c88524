using Cohort.Contracts.Ingest;
using Cohort.Grains.Ingest;
using Cohort.Ingest.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.TestingHost;

namespace Cohort.Grains.Tests;

/// <summary>
/// A run's fate follows its runner's silo, not the runs grain's: the runs grain activated again elsewhere (its silo lost) keeps a run
/// open while the silo running it is in the cluster, and a run whose runner's silo leaves is abandoned without waiting for a restart.
/// The runners here run inside a silo of a two-silo cluster, as a scheduled ingest does.
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

    [Fact]
    public async Task A_run_whose_runner_lives_on_stays_open_when_the_runs_grain_is_activated_again_and_commits()
    {
        await using var cluster = await Seeded();
        var runner = cluster.Cluster.Primary!;
        var runs = GrainsOf(runner).GetGrain<IIngestRunsGrain>(0);
        Assert.Null(await runs.Open(Opening("run-live")));
        Assert.Equal(runner.SiloAddress.ToParsableString(), (await runs.Decision("run-live"))!.Runner);

        // A progress report lives in the activation's memory only: once it is gone from the list, the grain was activated again.
        await runs.Running(new RunProgress("run-live", "manual", DateTime.UtcNow, "writing", 1, 2, DateTime.UtcNow));
        Assert.Single(await runs.InProgress());
        await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await runs.InProgress()).Count > 0) await Task.Delay(50, patience.Token);

        Assert.Equal(RunCommitState.Open, (await runs.Decision("run-live"))!.State);
        var epoch = await runs.Commit("run-live");
        Assert.Equal(new PublishedData(epoch, "run-live"), await runs.Published());
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
}
