using Cohort.Contracts.Ingest;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;

namespace Cohort.Grains.Tests;

/// <summary>
/// A store that fills up in the middle of a run, for real: SQLite refuses to grow the file past its cap (Cohort:SqliteMaxMegabytes),
/// as it refuses on a full disk ("database or disk is full").
/// </summary>
public sealed class FullStoreTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-full-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<(string People, string Observations, long Participants)> DropAsync(string name, int participants, int visits)
    {
        var dir = Path.Combine(_dir, name);
        var manifest = await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = participants, Visits = visits, Seed = 31, ChunkSize = 500 }, dir);
        return (Path.Combine(dir, "participants.parquet"), Path.Combine(dir, "observations.parquet"), manifest.Participants);
    }

    [Fact]
    public async Task A_store_that_fills_up_during_a_run_fails_it_as_one_to_fix_publishes_nothing_and_keeps_what_it_held()
    {
        var small = await DropAsync("small", 100, 2);
        var large = await DropAsync("large", 3000, 4);
        var store = Path.Combine(_dir, "store");
        long held;
        await using (var first = await CohortCluster.StartAsync(silos: 1, directory: store))
        {
            first.KeepDirectory = true;
            Assert.Equal(RunStatus.Succeeded, (await new IngestRunner(first.Grains).RunAsync(new IngestRequest(small.People, [small.Observations]))).Status);
            held = (await first.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants;
            Assert.Equal(small.Participants, held);
        }
        var wal = new FileInfo(Path.Combine(store, "cohort.db-wal"));
        var size = new FileInfo(Path.Combine(store, "cohort.db")).Length + (wal.Exists ? wal.Length : 0);

        // Room for a few megabytes more: the large drop (3,000 participants × 4 visits) needs several times that.
        var cap = (size >> 20) + 3;
        RunSummary failed;
        await using (var capped = await CohortCluster.StartAsync(silos: 1, directory: store,
            settings: new Dictionary<string, string?> { ["Cohort:SqliteMaxMegabytes"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            capped.KeepDirectory = true;
            failed = await new IngestRunner(capped.Grains).RunAsync(new IngestRequest(large.People, [large.Observations]));
            Assert.Equal(RunStatus.Failed, failed.Status);
            Assert.Contains("the store failed during the run (SQLite ", failed.Message);
            Assert.Contains("database or disk is full", failed.Message);
            Assert.Contains("nothing of it was published — fix the store and run the ingest again", failed.Message);
            // The history keeps the failure as the runner saw it (the run's abandoning freed what it had staged), and counts nothing
            // as added: nothing was.
            var recorded = await capped.Grains.GetGrain<IIngestRunsGrain>(0).Get(failed.RunId);
            Assert.Equal(RunStatus.Failed, recorded!.Status);
            Assert.Equal(failed.Message, recorded.Message);
            Assert.Equal((0, 0, 0, 0), (recorded.RowsAdded, recorded.RowsChanged, recorded.RowsUnchanged, recorded.ParticipantsTouched));
            Assert.True(recorded.RowsRead > 0);
            Assert.Equal(held, (await capped.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants);
            Assert.Equal(RunCommitState.Abandoned, (await capped.Grains.GetGrain<IIngestRunsGrain>(0).Decision(failed.RunId))!.State);
        }

        await using var roomy = await CohortCluster.StartAsync(silos: 1, directory: store);
        Assert.Equal(held, (await roomy.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants);
        var again = await new IngestRunner(roomy.Grains).RunAsync(new IngestRequest(large.People, [large.Observations]));
        Assert.Equal(RunStatus.Succeeded, again.Status);
        Assert.Equal(large.Participants, (await roomy.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants);
    }
}
