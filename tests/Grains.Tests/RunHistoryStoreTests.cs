using Cohort.Contracts.Ingest;
using Cohort.Grains.Ingest;
using Cohort.Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Cohort.Grains.Tests;

/// <summary>
/// The run history in the store: a history kept in the runs grain's own state (as builds before 7 December 2026 kept it) moves to
/// pages when the grain first activates, with nothing lost (its files marked ingested and its commit log's entries move to one record
/// each), and the runs recorded after it follow it across restarts.
/// </summary>
public sealed class RunHistoryStoreTests : IDisposable
{
    /// <summary>The test's store, removed after it.</summary>
    private readonly string _store = Path.Combine(Path.GetTempPath(), "cohort-run-history-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_store, recursive: true); } catch (DirectoryNotFoundException) { } catch (IOException) { }
    }

    private static IngestedFile File(int i) => new($"o{i}.parquet", $"/drop/o{i}.parquet", "observations", $"{i:x64}", 1000 + i);

    /// <summary>A one-silo cluster whose store refuses what the test tells it to (<see cref="RefusingStore"/>), and its runs grain.</summary>
    private async Task<(CohortCluster Cluster, RefusingStore Refusing, IIngestRunsGrain Runs)> RefusingCluster()
    {
        var cluster = await CohortCluster.StartAsync(silos: 1, directory: _store, settings: new Dictionary<string, string?> { ["Test:RefusingStore"] = "true" });
        return (cluster, (RefusingStore)((InProcessSiloHandle)cluster.Cluster.Primary!).ServiceProvider.GetRequiredService<IStateStore>(), cluster.Grains.GetGrain<IIngestRunsGrain>(0));
    }

    [Fact]
    public async Task A_history_stored_in_the_runs_state_moves_to_pages_and_runs_recorded_later_follow_it_across_a_restart()
    {
        const int old = 60;
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: _store))
        {
            cluster.KeepDirectory = true;
            // The state as an earlier build stored it: the history inside it, and the files in every commit entry.
            var legacy = new IngestRunsState { Epoch = old, PublishedRun = $"r{old - 1}" };
            for (var i = 0; i < old; i++)
            {
                legacy.Runs.Add(RunHistoryTests.Run($"r{i}", i % 7 == 3 ? RunStatus.Failed : RunStatus.Succeeded, File(i)));
                legacy.Commits[$"r{i}"] = new RunCommit($"r{i}", "manual", DateTime.UnixEpoch, RunCommitState.Committed, i + 1) { Inputs = [File(i)], Recorded = true };
                if (i % 7 != 3) legacy.Ingested[IngestedFileGrain.Key("observations", File(i).Sha256)] = $"r{i}";
            }
            await WriteRunsState(cluster, legacy);
        }

        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: _store))
        {
            cluster.KeepDirectory = true;
            var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
            Assert.Equal(Enumerable.Range(0, old).Select(i => $"r{i}"), (await runs.List()).Select(r => r.RunId));
            Assert.Equal((RunStatus.Failed, "r5"), ((await runs.Get("r3"))!.Status, await runs.IngestedAs("observations", File(5).Sha256)));
            Assert.Equal($"r{old - 1}", await runs.DataVersion());

            // Moved: the state holds no runs and no commit entries (all runs are recorded); the runs lie on three pages of at most
            // 25, and each entry in a record of its own, without its files, still answering what became of its run.
            var moved = await ReadRunsState(cluster);
            Assert.Empty(moved.Runs);
            Assert.Empty(moved.Commits);
            Assert.Equal(old, await Rows(_store, "commitlogentry/entry"));
            var first = await runs.Decision("r0");
            Assert.Equal((RunCommitState.Committed, 1L, true, 0), (first!.State, first.Epoch, first.Recorded, first.Inputs.Count));
            Assert.Null(await runs.Decision("never-ran"));
            Assert.Equal(new long[] { 25, 25, 10 }, await PageSizes(_store, cluster));
            // The files marked ingested moved too, one record each (the runs that failed marked none).
            Assert.Empty(moved.Ingested);
            Assert.Equal(Enumerable.Range(0, old).Count(i => i % 7 != 3), await Rows(_store, "ingestedfile/file"));
            Assert.Null(await runs.IngestedAs("observations", File(3).Sha256));
            Assert.Null(await runs.IngestedAs("participants", File(5).Sha256));

            for (var i = old; i < old + 3; i++)
            {
                var id = $"r{i}";
                Assert.Null(await runs.Open(new RunCommit(id, "manual", DateTime.UtcNow, RunCommitState.Open) { Inputs = [File(i)] }));
                await runs.Commit(id);
                await runs.Record(RunHistoryTests.Run(id, RunStatus.Succeeded, File(i)), []);
            }
            Assert.Empty((await ReadRunsState(cluster)).Commits);
            // A run id opens once, even after its entry left the state.
            await Assert.ThrowsAsync<RunNotOpenException>(() => runs.Open(new RunCommit($"r{old}", "manual", DateTime.UtcNow, RunCommitState.Open)));
            Assert.Equal(old + 1, await runs.Commit($"r{old}"));
        }

        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: _store))
        {
            cluster.KeepDirectory = true;
            var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
            Assert.Equal(Enumerable.Range(0, old + 3).Select(i => $"r{i}"), (await runs.List()).Select(r => r.RunId));
            Assert.Equal([$"r{old + 2}", $"r{old + 1}"], (await runs.Newest(2, before: null))!.Select(r => r.RunId));
            Assert.Equal(old + 3, await runs.Count());
            Assert.Equal(($"r{old + 2}", $"r{old + 1}"), (await runs.DataVersion(), await runs.IngestedAs("observations", File(old + 1).Sha256)));
            Assert.Equal(new long[] { 25, 25, 13 }, await PageSizes(_store, cluster));
            Assert.Equal(Enumerable.Range(0, old).Count(i => i % 7 != 3) + 3, await Rows(_store, "ingestedfile/file"));
            Assert.Equal(old + 3, await Rows(_store, "commitlogentry/entry"));
            Assert.Empty((await ReadRunsState(cluster)).Ingested);
        }
    }

    [Fact]
    public async Task A_large_commit_log_and_file_map_move_out_of_the_runs_state_in_batches_with_nothing_lost()
    {
        const int runs = 2_000;
        await using var cluster = await CohortCluster.StartAsync(silos: 1, directory: _store);
        // A long-lived store of an earlier build: every run's commit entry, and two files a run, in the runs grain's state.
        var legacy = new IngestRunsState { Epoch = runs, PublishedRun = $"r{runs - 1}" };
        for (var i = 0; i < runs; i++)
        {
            legacy.Commits[$"r{i}"] = new RunCommit($"r{i}", "schedule", DateTime.UnixEpoch, i % 10 == 9 ? RunCommitState.Abandoned : RunCommitState.Committed, i + 1) { Recorded = true };
            if (i % 10 != 9)
                foreach (var role in new[] { "participants", "observations" }) legacy.Ingested[IngestedFileGrain.Key(role, $"{i:x64}")] = $"r{i}";
        }
        await WriteRunsState(cluster, legacy);

        var grain = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
        Assert.Equal($"r{runs - 1}", await grain.DataVersion());
        var moved = await ReadRunsState(cluster);
        Assert.Equal((0, 0), (moved.Commits.Count, moved.Ingested.Count));
        Assert.Equal(runs, await Rows(_store, "commitlogentry/entry"));
        Assert.Equal(2 * runs * 9 / 10, await Rows(_store, "ingestedfile/file"));
        Assert.Equal((RunCommitState.Committed, 1L), ((await grain.Decision("r0"))!.State, (await grain.Decision("r0"))!.Epoch));
        Assert.Equal(RunCommitState.Abandoned, (await grain.Decision($"r{runs - 1}"))!.State);
        Assert.Equal($"r{runs - 2}", await grain.IngestedAs("participants", $"{runs - 2:x64}"));
        Assert.Null(await grain.IngestedAs("participants", $"{runs - 1:x64}"));
        // A run id opens once, however long ago its run was.
        await Assert.ThrowsAsync<RunNotOpenException>(() => grain.Open(new RunCommit("r0", "manual", DateTime.UtcNow, RunCommitState.Open)));
    }

    [Fact]
    public async Task A_run_that_leaves_the_history_takes_its_quarantine_with_it_even_across_a_stop()
    {
        QuarantinedRow[] Rejected(int run) => [new("o.parquet", 0, run, "out_of_range", "glucose 90 mmol/L", new Dictionary<string, string?> { ["glucose"] = "90" })];
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: _store))
        {
            cluster.KeepDirectory = true;
            var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
            // Runs 0 and 25 lie on the first two pages; the first page leaves once the pages after it hold the history's 1,000 runs.
            for (var i = 0; i < RunHistory.Kept + RunHistory.PageCapacity; i++)
                await runs.Record(RunHistoryTests.Run($"r{i}", RunStatus.Failed), i is 0 or 25 ? Rejected(i) : []);

            Assert.Null(await runs.Get("r0"));
            Assert.Empty(await runs.Quarantine("r0"));
            Assert.Equal(25, Assert.Single(await runs.Quarantine("r25")).Row);
            Assert.Equal(1, await Rows(_store, "runquarantine/quarantine"));
            Assert.Equal(RunHistory.Kept, await runs.Count());

            // A stop between the state's write and the clearing: the page that left, and its run's quarantine, are still stored.
            await cluster.Grains.GetGrain<IRunHistoryPageGrain>(1).Write([RunHistoryTests.Run("r0", RunStatus.Failed)]);
            await cluster.Grains.GetGrain<IRunQuarantineGrain>("r0").Save(Rejected(0));
            var stopped = await ReadRunsState(cluster);
            stopped.PagesLeaving = [1];
            await WriteRunsState(cluster, stopped);
        }

        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: _store))
        {
            cluster.KeepDirectory = true;
            var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
            Assert.Equal(RunHistory.Kept, await runs.Count());   // activates the grain, which clears what the stop left
            Assert.Empty(await runs.Quarantine("r0"));
            Assert.Equal(1, await Rows(_store, "runquarantine/quarantine"));
            Assert.Equal(RunHistory.Kept / RunHistory.PageCapacity, await Rows(_store, "runhistorypage/page"));
        }
    }

    /// <summary>
    /// Builds before 7 December 2026 left a run's quarantine stored when the run left the history: the first activation on this build
    /// clears those, once, and keeps the quarantines of runs still in the history.
    /// </summary>
    [Fact]
    public async Task The_quarantines_an_earlier_build_left_behind_are_cleared_once_and_those_of_runs_in_the_history_kept()
    {
        QuarantinedRow[] Rejected(int row) => [new("o.parquet", 0, row, "out_of_range", "glucose 90 mmol/L", new Dictionary<string, string?> { ["glucose"] = "90" })];
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: _store))
        {
            cluster.KeepDirectory = true;
            await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Record(RunHistoryTests.Run("kept", RunStatus.Failed), Rejected(1));
            // As an earlier build left it: the quarantine of a run long gone from the history, and a state that never swept.
            await cluster.Grains.GetGrain<IRunQuarantineGrain>("gone").Save(Rejected(2));
            var earlier = await ReadRunsState(cluster);
            Assert.True(earlier.LeftQuarantinesSwept);
            earlier.LeftQuarantinesSwept = false;
            await WriteRunsState(cluster, earlier);
        }
        Assert.Equal(2, await Rows(_store, RunQuarantineGrain.StateType));

        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: _store))
        {
            cluster.KeepDirectory = true;
            var runs = cluster.Grains.GetGrain<IIngestRunsGrain>(0);
            Assert.Equal(1, await runs.Count());   // activates the grain, which sweeps
            Assert.Equal(1, Assert.Single(await runs.Quarantine("kept")).Row);
            Assert.Empty(await runs.Quarantine("gone"));
            Assert.Equal(1, await Rows(_store, RunQuarantineGrain.StateType));
            Assert.True((await ReadRunsState(cluster)).LeftQuarantinesSwept);
        }
    }

    /// <summary>
    /// A store that has filled up refuses new rows (a record needs new space) while it still takes rows rewritten in place: a run is
    /// still recorded, its failure included, with its commit entry and its files kept in the runs state, and they move to their records
    /// at the first write after the store has room again.
    /// </summary>
    [Fact]
    public async Task A_store_that_refuses_new_records_still_records_runs_and_their_records_move_once_it_has_room()
    {
        var (cluster, refusing, runs) = await RefusingCluster();
        await using var _ = cluster;
        async Task Run(int i, bool commits)
        {
            Assert.Null(await runs.Open(new RunCommit($"r{i}", "manual", DateTime.UtcNow, RunCommitState.Open) { Inputs = [File(i)] }));
            if (commits) await runs.Commit($"r{i}");
            await runs.Record(RunHistoryTests.Run($"r{i}", commits ? RunStatus.Succeeded : RunStatus.Failed, File(i)), []);
        }
        await Run(0, commits: true);

        refusing.RefuseNewRows("commitlogentry/entry", "ingestedfile/file");
        await Run(1, commits: true);
        await Run(2, commits: false);

        Assert.Equal(["r0", "r1", "r2"], (await runs.List()).Select(r => r.RunId));
        Assert.Equal((RunCommitState.Committed, RunCommitState.Abandoned), ((await runs.Decision("r1"))!.State, (await runs.Decision("r2"))!.State));
        Assert.Equal("r1", await runs.IngestedAs("observations", File(1).Sha256));
        var kept = await ReadRunsState(cluster);
        Assert.Equal(("r1 r2", 1), (string.Join(" ", kept.Commits.Keys.Order()), kept.Ingested.Count));
        Assert.Equal((1, 1), (await Rows(_store, "commitlogentry/entry"), await Rows(_store, "ingestedfile/file")));

        refusing.RefuseNewRows();
        await Run(3, commits: true);

        var moved = await ReadRunsState(cluster);
        Assert.Equal((0, 0), (moved.Commits.Count, moved.Ingested.Count));
        Assert.Equal((4, 3), (await Rows(_store, "commitlogentry/entry"), await Rows(_store, "ingestedfile/file")));
        Assert.Equal((RunCommitState.Committed, RunCommitState.Abandoned), ((await runs.Decision("r1"))!.State, (await runs.Decision("r2"))!.State));
        Assert.Equal("r1", await runs.IngestedAs("observations", File(1).Sha256));
    }

    /// <summary>
    /// A run whose page was written but whose runs state the store then refused is recorded in the same activation as a restart would
    /// record it: its commit entry marked recorded, and moved to its record at the next write.
    /// </summary>
    [Fact]
    public async Task A_run_whose_page_was_written_before_the_state_write_failed_is_recorded_without_a_restart()
    {
        var (cluster, refusing, runs) = await RefusingCluster();
        await using var _ = cluster;
        Assert.Null(await runs.Open(new RunCommit("r0", "manual", DateTime.UtcNow, RunCommitState.Open) { Inputs = [File(0)] }));
        await runs.Commit("r0");

        refusing.RefuseWrites("ingestruns/runs");
        await Assert.ThrowsAnyAsync<Exception>(() => runs.Record(RunHistoryTests.Run("r0", RunStatus.Succeeded, File(0)), []));
        refusing.RefuseWrites();

        Assert.Equal(["r0"], (await runs.List()).Select(r => r.RunId));
        Assert.Equal((RunCommitState.Committed, true), ((await runs.Decision("r0"))!.State, (await runs.Decision("r0"))!.Recorded));
        Assert.Equal("r0", await runs.IngestedAs("observations", File(0).Sha256));

        Assert.Null(await runs.Open(new RunCommit("r1", "manual", DateTime.UtcNow, RunCommitState.Open) { Inputs = [File(1)] }));
        Assert.Equal("r1", Assert.Single((await ReadRunsState(cluster)).Commits.Keys));
        Assert.Equal(1, await Rows(_store, "commitlogentry/entry"));
    }

    private static GroupCommitGrainStorage Storage(CohortCluster cluster) =>
        ((InProcessSiloHandle)cluster.Cluster.Primary!).ServiceProvider.GetRequiredService<GroupCommitGrainStorage>();

    private static GrainId RunsGrain(CohortCluster cluster) => cluster.Grains.GetGrain<IIngestRunsGrain>(0).GetGrainId();

    private static async Task WriteRunsState(CohortCluster cluster, IngestRunsState state)
    {
        var stored = new GrainState<IngestRunsState>();
        await Storage(cluster).ReadStateAsync("runs", RunsGrain(cluster), stored);
        stored.State = state;
        await Storage(cluster).WriteStateAsync("runs", RunsGrain(cluster), stored);
    }

    private static async Task<IngestRunsState> ReadRunsState(CohortCluster cluster)
    {
        var stored = new GrainState<IngestRunsState>();
        await Storage(cluster).ReadStateAsync("runs", RunsGrain(cluster), stored);
        return stored.State!;
    }

    private static async Task<long> Rows(string store, string grainType)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(store, "cohort.db")};Mode=ReadOnly;Pooling=false");
        await db.OpenAsync();
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM grain_state WHERE grain_type = $type";
        count.Parameters.AddWithValue("$type", grainType);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>How many runs each stored page of the history holds, in page order.</summary>
    private static async Task<long[]> PageSizes(string store, CohortCluster cluster)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(store, "cohort.db")};Mode=ReadOnly;Pooling=false");
        await db.OpenAsync();
        await using var keys = db.CreateCommand();
        keys.CommandText = "SELECT grain_key FROM grain_state WHERE grain_type = 'runhistorypage/page'";
        var numbers = new List<long>();
        await using (var r = await keys.ExecuteReaderAsync())
            while (await r.ReadAsync()) numbers.Add(Convert.ToInt64(r.GetString(0), 16));
        var sizes = new List<long>();
        foreach (var n in numbers.Order()) sizes.Add((await cluster.Grains.GetGrain<IRunHistoryPageGrain>(n).Runs()).Count);
        return sizes.ToArray();
    }
}
