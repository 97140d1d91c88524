using System.Text.Json;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Domain.Markers;
using Cohort.Grains.Participants;
using Cohort.Grains.Shards;
using Cohort.Ingest.Ingestion;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Serialization;

namespace Cohort.Grains.Tests;

/// <summary>
/// The commit protocol: a run's writes are staged (participants keep their published state beside the change, shards keep staged
/// summaries beside their columns) and one commit record publishes all of them. Runs are driven here grain by grain, as a runner
/// would, so that the test can stop between any two steps, including where a killed runner stops; the silo restarts on the same store.
/// </summary>
public sealed class AtomicRunTests(GeneratedDrop drop) : IClassFixture<GeneratedDrop>
{
    private const string Corrected = "P0000002", Newcomer = "P9000001";

    private static IIngestRunsGrain Runs(CohortCluster c) => c.Grains.GetGrain<IIngestRunsGrain>(0);
    private static ICohortQueryGrain Query(CohortCluster c) => c.Grains.GetGrain<ICohortQueryGrain>(0);

    private static async Task<string> Published(CohortCluster c)
    {
        var overview = await Query(c).Overview();
        var homa = await Query(c).Distribution(new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.Sex, 2.5), "homa_ir");
        return JsonSerializer.Serialize(new { overview.Participants, overview.Visits, overview.Observations, homa.Strata });
    }

    private static async Task<double> FirstGlucose(CohortCluster c, string id) =>
        (await c.Grains.GetGrain<IParticipantGrain>(id).Get())!.Observations.First(o => o.Marker == "glucose").RawValue;

    /// <summary>No periodic shard check within a test: a test that looks at what is left unsettled settles it itself (a flush).</summary>
    private static readonly Dictionary<string, string?> NoPeriodicCheck = new() { ["Cohort:ShardCompactionCheckSeconds"] = "86400" };

    private async Task<CohortCluster> Seeded(string? directory = null, IDictionary<string, string?>? settings = null)
    {
        var cluster = await CohortCluster.StartAsync(silos: 1, directory: directory, settings: settings);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        return cluster;
    }

    /// <summary>Opens <paramref name="runId"/> and writes, as its runner would: a correction of one participant's first glucose and a new participant.</summary>
    private static async Task<double> WriteRun(CohortCluster c, string runId)
    {
        Assert.Null(await Runs(c).Open(new RunCommit(runId, "manual", DateTime.UtcNow, RunCommitState.Open)));
        var first = (await c.Grains.GetGrain<IParticipantGrain>(Corrected).Get())!.Observations.First(o => o.Marker == "glucose");
        var corrected = first.RawValue + 0.7;
        var takenAt = (long)(first.TakenAt - DateTime.UnixEpoch).TotalMilliseconds;
        var rows = new List<AcceptedRow>
        {
            new(0, Corrected, Marker.Glucose, takenAt, (short)(first.OgttMinute ?? -1), corrected, corrected, first.RawUnit, 1, false),
            new(1, Newcomer, Marker.Glucose, takenAt, -1, 5.4, 5.4, "mmol/L", 1, false),
            new(2, Newcomer, Marker.Insulin, takenAt, -1, 60, 60, "pmol/L", 1, false),
        };
        var people = new Dictionary<string, Demographics?>
        {
            [Corrected] = null,
            [Newcomer] = new() { Sex = "F", BirthYear = 1971, Ethnicity = null, Site = "S01", SurveyWeight = null },
        };
        foreach (var (id, batch) in ParticipantBatches.Build(rows, runId, new FactorsUsed(18, 6), people))
            await c.Grains.GetGrain<IParticipantGrain>(id).Merge(batch);
        return corrected;
    }

    /// <summary>Every shard prepares, expecting what <see cref="WriteRun"/> sent it: one summary per participant.</summary>
    private static Task Prepare(CohortCluster c, string runId) =>
        Task.WhenAll(Enumerable.Range(0, 8).Select(i => c.Grains.GetGrain<ICohortShardGrain>(i)
            .Prepare(runId, new[] { Corrected, Newcomer }.Count(id => ShardMap.ShardOf(id, 8) == i))));

    [Fact]
    public async Task Nothing_of_a_run_is_visible_before_its_commit_record_and_all_of_it_after()
    {
        await using var cluster = await Seeded();
        var before = await Published(cluster);
        var glucose = await FirstGlucose(cluster, Corrected);

        var corrected = await WriteRun(cluster, "run-b");
        await Prepare(cluster, "run-b");
        Assert.Equal(before, await Published(cluster));
        Assert.Equal(glucose, await FirstGlucose(cluster, Corrected));
        Assert.Null(await cluster.Grains.GetGrain<IParticipantGrain>(Newcomer).Get());
        Assert.False(await cluster.Grains.GetGrain<IParticipantGrain>(Newcomer).IsEnrolled());

        // The commit record alone publishes it: no shard was told, each catches up at the query that pins the new epoch.
        var epoch = await Runs(cluster).Commit("run-b");
        Assert.Equal(new PublishedData(epoch, "run-b"), await Runs(cluster).Published());
        var overview = await Query(cluster).Overview();
        Assert.Equal(drop.Manifest.Participants + 1, overview.Participants);
        Assert.NotEqual(before, await Published(cluster));
        Assert.Equal(corrected, await FirstGlucose(cluster, Corrected));
        Assert.NotNull(await cluster.Grains.GetGrain<IParticipantGrain>(Newcomer).Get());
        Assert.Equal("run-b", await Runs(cluster).DataVersion());
    }

    [Fact]
    public async Task An_abandoned_run_leaves_the_published_state_and_a_later_run_starts_from_it()
    {
        await using var cluster = await Seeded();
        var before = await Published(cluster);
        var glucose = await FirstGlucose(cluster, Corrected);

        await WriteRun(cluster, "run-b");
        await Runs(cluster).Abandon("run-b", "test");
        Assert.Equal(before, await Published(cluster));
        Assert.Equal(glucose, await FirstGlucose(cluster, Corrected));
        Assert.Null(await cluster.Grains.GetGrain<IParticipantGrain>(Newcomer).Get());
        await Assert.ThrowsAsync<RunNotOpenException>(() => Runs(cluster).Commit("run-b"));

        // The next run finds the participants as published and its own changes count as new.
        var corrected = await WriteRun(cluster, "run-c");
        await Prepare(cluster, "run-c");
        await Runs(cluster).Commit("run-c");
        Assert.Equal(corrected, await FirstGlucose(cluster, Corrected));
        Assert.Equal(drop.Manifest.Participants + 1, (await Query(cluster).Overview()).Participants);
    }

    [Fact]
    public async Task A_restart_abandons_a_run_that_was_still_writing_and_publishes_one_that_had_committed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cohort-atomic-" + Guid.NewGuid().ToString("N"));
        string before;
        double glucose;
        await using (var cluster = await Seeded(dir))
        {
            cluster.KeepDirectory = true;
            before = await Published(cluster);
            glucose = await FirstGlucose(cluster, Corrected);
            await WriteRun(cluster, "run-open");
            await Prepare(cluster, "run-open");
        }
        double corrected;
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir))
        {
            cluster.KeepDirectory = true;
            Assert.Equal(before, await Published(cluster));
            Assert.Equal(glucose, await FirstGlucose(cluster, Corrected));
            Assert.Null(await cluster.Grains.GetGrain<IParticipantGrain>(Newcomer).Get());
            var abandoned = await Runs(cluster).Get("run-open");
            Assert.Equal(RunStatus.Failed, abandoned!.Status);
            Assert.Contains("nothing of it was published", abandoned.Message);
            Assert.Equal(RunCommitState.Abandoned, (await Runs(cluster).Decision("run-open"))!.State);

            // Committed, then the runner is gone before telling any shard or recording the run.
            corrected = await WriteRun(cluster, "run-committed");
            await Prepare(cluster, "run-committed");
            await Runs(cluster).Commit("run-committed");
        }
        await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: dir))
        {
            Assert.Equal(drop.Manifest.Participants + 1, (await Query(cluster).Overview()).Participants);
            Assert.Equal(corrected, await FirstGlucose(cluster, Corrected));
            var recovered = await Runs(cluster).Get("run-committed");
            Assert.Equal(RunStatus.Succeeded, recovered!.Status);
            Assert.Contains("published whole", recovered.Message);
        }
    }

    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    /// <summary>The participants' rows in the cluster's store as stored (absent ones left out), read beside the running silo.</summary>
    private static async Task<Dictionary<string, (ParticipantState State, long Version)>> StoredStates(CohortCluster c, params string[] ids)
    {
        var rows = new Dictionary<string, (ParticipantState, long)>(StringComparer.Ordinal);
        foreach (var id in ids)
            if (await StoredRow(c, id) is { } row) rows[id] = (ParticipantPacking.Unpack(row.Data, Serializer), row.Version);
        return rows;
    }

    /// <summary>
    /// A participant's row as stored, through a read-only connection of the test's own, so that the test neither writes to the store
    /// nor keeps it open.
    /// </summary>
    private static async Task<(byte[] Data, long Version)?> StoredRow(CohortCluster c, string id)
    {
        await using var db = await OpenStore(c, SqliteOpenMode.ReadOnly);
        await using var read = RowCommand(db, "SELECT data, version FROM grain_state WHERE grain_type = $t AND grain_key = $k", id);
        await using var row = await read.ExecuteReaderAsync();
        return await row.ReadAsync() ? ((byte[])row[0], row.GetInt64(1)) : null;
    }

    /// <summary>A connection of the test's own to the cluster's store (unpooled, so that nothing keeps the file open after it).</summary>
    private static async Task<SqliteConnection> OpenStore(CohortCluster c, SqliteOpenMode mode)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(c.Directory, "cohort.db"), Mode = mode, Pooling = false }.ToString());
        await db.OpenAsync();
        return db;
    }

    /// <summary>A command on one participant's row: <paramref name="sql"/> names its type as $t and its key as $k.</summary>
    private static SqliteCommand RowCommand(SqliteConnection db, string sql, string participantId)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$t", ParticipantWriter.StateType);
        command.Parameters.AddWithValue("$k", participantId);
        return command;
    }

    private static Task Flush(CohortCluster c) => Query(c).FlushShards();

    /// <summary>Every shard's activation goes, as when its silo stops: the next call activates it again from its base and log.</summary>
    private static Task DeactivateShards(CohortCluster c) =>
        Task.WhenAll(Enumerable.Range(0, 8).Select(i => c.Grains.GetGrain<ICohortShardGrain>(i).Cast<IGrainManagementExtension>().DeactivateOnIdle().AsTask()));

    /// <summary>Overwrites a participant's stored row with <paramref name="data"/>, beside the running silo.</summary>
    private static async Task OverwriteRow(CohortCluster c, string id, byte[] data)
    {
        await using var db = await OpenStore(c, SqliteOpenMode.ReadWrite);
        await using var write = RowCommand(db, "UPDATE grain_state SET data = $d WHERE grain_type = $t AND grain_key = $k", id);
        write.Parameters.AddWithValue("$d", data);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }

    /// <summary>Commits <see cref="WriteRun"/>'s correction as run-b, applied by a query; the corrected participant's row keeps them twice until settled.</summary>
    private async Task CommitCorrection(CohortCluster c)
    {
        await WriteRun(c, "run-b");
        await Prepare(c, "run-b");
        await Runs(c).Commit("run-b");
        Assert.Equal(drop.Manifest.Participants + 1, (await Query(c).Overview()).Participants);   // the query applies the run
        Assert.NotNull((await StoredStates(c, Corrected))[Corrected].State.Before);
    }

    private static async Task AssertSettled(CohortCluster c)
    {
        var settled = (await StoredStates(c, Corrected))[Corrected];
        Assert.Null(settled.State.PendingRun);
        Assert.Null(settled.State.Before);
    }

    [Fact]
    public async Task A_shard_stopped_before_it_settled_a_committed_correction_settles_it_once_activated_again_from_its_log()
    {
        await using var cluster = await Seeded(settings: NoPeriodicCheck);
        await CommitCorrection(cluster);
        // The run is still in the shard's log (no base was written since): its replay names whom the change keeps.
        await DeactivateShards(cluster);
        await Flush(cluster);
        await AssertSettled(cluster);
    }

    [Fact]
    public async Task A_shard_stopped_before_it_settled_a_committed_correction_settles_it_once_activated_again_from_its_base()
    {
        await using var cluster = await Seeded(settings: NoPeriodicCheck);
        await CommitCorrection(cluster);
        // The flush writes the base, which takes the run in (its segments go), then cannot settle: the row was damaged meanwhile.
        var row = (await StoredRow(cluster, Corrected))!.Value;
        await OverwriteRow(cluster, Corrected, "not a participant"u8.ToArray());
        Assert.Contains("could not settle 1 participants of run run-b (attempt 1 of 3", (await Assert.ThrowsAnyAsync<Exception>(() => Flush(cluster))).Message);
        await OverwriteRow(cluster, Corrected, row.Data);
        // Only the base now names the participant left to settle.
        await DeactivateShards(cluster);
        await Flush(cluster);
        await AssertSettled(cluster);
    }

    [Fact]
    public async Task A_committed_correction_leaves_no_copy_of_the_published_participant_in_the_store_once_the_shard_has_settled()
    {
        await using var cluster = await Seeded(settings: NoPeriodicCheck);
        var corrected = await WriteRun(cluster, "run-b");
        await Prepare(cluster, "run-b");
        await Runs(cluster).Commit("run-b");
        Assert.Equal(corrected, await FirstGlucose(cluster, Corrected));
        Assert.Equal(drop.Manifest.Participants + 1, (await Query(cluster).Overview()).Participants);   // the query applies the run

        // Until the shard settles, the corrected participant's row holds them twice: as changed, and as published before the run.
        var pending = (await StoredStates(cluster, Corrected))[Corrected];
        Assert.Equal("run-b", pending.State.PendingRun);
        Assert.Equal(pending.State.Observations.Count, pending.State.Before!.Observations.Count);

        await Flush(cluster);
        var settled = (await StoredStates(cluster, Corrected))[Corrected];
        Assert.Null(settled.State.PendingRun);
        Assert.Null(settled.State.Before);
        Assert.Equal(pending.Version + 1, settled.Version);
        Assert.Equal(pending.State.Observations.RawValue, settled.State.Observations.RawValue);
        Assert.Equal(pending.State.Observations.Runs, settled.State.Observations.Runs);
        Assert.Equal(corrected, await FirstGlucose(cluster, Corrected));
        Assert.Equal(drop.Manifest.Participants + 1, (await Query(cluster).Overview()).Participants);

        // Settled once: a second flush writes nothing more.
        await Flush(cluster);
        Assert.Equal(settled.Version, (await StoredStates(cluster, Corrected))[Corrected].Version);
    }

    [Fact]
    public async Task A_shard_activated_again_while_a_run_is_open_stages_the_run_again_from_its_log_and_publishes_it_at_the_commit()
    {
        await using var cluster = await Seeded(settings: NoPeriodicCheck);
        var before = await Published(cluster);
        var corrected = await WriteRun(cluster, "run-b");
        // Every shard's activation goes, as when its silo is lost: what the run staged there is in the shards' logs only.
        await DeactivateShards(cluster);
        // A shard holding less than the run sent it would refuse to prepare.
        await Prepare(cluster, "run-b");
        Assert.Equal(before, await Published(cluster));
        await Runs(cluster).Commit("run-b");
        Assert.Equal(drop.Manifest.Participants + 1, (await Query(cluster).Overview()).Participants);
        Assert.Equal(corrected, await FirstGlucose(cluster, Corrected));
        Assert.NotEqual(before, await Published(cluster));
        // The shard staged again from its log still knows whom the run's change keeps beside their published state, and settles them.
        await Flush(cluster);
        await AssertSettled(cluster);
    }

    /// <summary>
    /// A run that gives a stored value again (unchanged) and, in a later row group, another value for the same result keeps the first:
    /// the later one is a repeat, quarantined by the runner. Its shard's activation lost between the two (its silo gone, the shard
    /// activated again elsewhere from its log) must not turn the repeat into a correction.
    /// </summary>
    [Fact]
    public async Task A_shard_activated_again_mid_run_still_takes_a_later_repeat_of_a_value_the_run_gave_unchanged_as_a_repeat()
    {
        await using var cluster = await Seeded(settings: NoPeriodicCheck);
        Assert.Null(await Runs(cluster).Open(new RunCommit("run-g", "manual", DateTime.UtcNow, RunCommitState.Open)));
        var first = (await cluster.Grains.GetGrain<IParticipantGrain>(Corrected).Get())!.Observations.First(o => o.Marker == "glucose");
        var takenAt = (long)(first.TakenAt - DateTime.UnixEpoch).TotalMilliseconds;
        var fasting = first.Fasting is null ? (sbyte)-1 : first.Fasting.Value ? (sbyte)1 : (sbyte)0;
        Task<MergeResult> Give(double raw, double value) =>
            cluster.Grains.GetGrain<IParticipantGrain>(Corrected).Merge(ParticipantBatches.Build(
                [new AcceptedRow(0, Corrected, Marker.Glucose, takenAt, (short)(first.OgttMinute ?? -1), value, raw, first.RawUnit, fasting, false)],
                "run-g", new FactorsUsed(18, 6), new Dictionary<string, Demographics?> { [Corrected] = null }).Single().Batch);

        var unchanged = await Give(first.RawValue, first.Value);
        Assert.Equal((0, 0, 1), (unchanged.Added, unchanged.Changed, unchanged.Unchanged));
        await DeactivateShards(cluster);
        var repeat = await Give(first.RawValue + 0.7, first.Value + 0.7);
        Assert.Equal((0, 0, 0), (repeat.Added, repeat.Changed, repeat.Unchanged));
        Assert.False(Assert.Single(repeat.Repeats!).Same);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => cluster.Grains.GetGrain<ICohortShardGrain>(i).Prepare("run-g", ShardMap.ShardOf(Corrected, 8) == i ? 1 : 0)));
        await Runs(cluster).Commit("run-g");
        Assert.Equal(first.RawValue, await FirstGlucose(cluster, Corrected));
    }

    [Fact]
    public async Task A_participant_whose_row_cannot_be_settled_is_tried_again_then_left_to_its_next_write_so_flushes_do_not_fail_for_ever()
    {
        await using var cluster = await Seeded(settings: NoPeriodicCheck);
        await WriteRun(cluster, "run-b");
        await Prepare(cluster, "run-b");
        await Runs(cluster).Commit("run-b");
        Assert.Equal(drop.Manifest.Participants + 1, (await Query(cluster).Overview()).Participants);   // the query applies the run

        // The corrected participant's row is damaged in the store before its shard settles it.
        var damaged = "not a participant"u8.ToArray();
        await OverwriteRow(cluster, Corrected, damaged);
        for (var attempt = 1; attempt < 3; attempt++)
        {
            var failed = await Assert.ThrowsAnyAsync<Exception>(() => Flush(cluster));
            Assert.Contains($"could not settle 1 participants of run run-b (attempt {attempt} of 3", failed.Message);
        }
        // The third attempt gives the slice up (logged); later flushes have nothing left to settle, and the row is left as it was.
        await Flush(cluster);
        await Flush(cluster);
        Assert.Equal(damaged, (await StoredRow(cluster, Corrected))?.Data);
    }

    [Fact]
    public async Task A_shard_settles_a_committed_correction_by_itself_at_its_periodic_check()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Cohort:ShardCompactionCheckSeconds"] = "1" });
        Assert.Equal(RunStatus.Succeeded, (await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]))).Status);
        var corrected = await WriteRun(cluster, "run-b");
        await Prepare(cluster, "run-b");
        await Runs(cluster).Commit("run-b");
        Assert.Equal(drop.Manifest.Participants + 1, (await Query(cluster).Overview()).Participants);   // the query applies the run
        Assert.NotNull((await StoredStates(cluster, Corrected))[Corrected].State.Before);

        // No flush: the shard's own check settles the row.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await StoredStates(cluster, Corrected))[Corrected].State.Before is not null)
            await Task.Delay(100, patience.Token);
        var settled = (await StoredStates(cluster, Corrected))[Corrected].State;
        Assert.Null(settled.PendingRun);
        Assert.Equal(corrected, await FirstGlucose(cluster, Corrected));
        Assert.Equal(drop.Manifest.Participants + 1, (await Query(cluster).Overview()).Participants);
    }

    [Fact]
    public async Task An_abandoned_run_is_undone_in_the_store_and_its_newcomer_deleted_once_the_shard_has_settled()
    {
        await using var cluster = await Seeded(settings: NoPeriodicCheck);
        var glucose = await FirstGlucose(cluster, Corrected);
        var published = (await StoredStates(cluster, Corrected))[Corrected].State;
        await WriteRun(cluster, "run-b");
        await Runs(cluster).Abandon("run-b", "test");

        var left = await StoredStates(cluster, Corrected, Newcomer);
        Assert.Equal("run-b", left[Corrected].State.PendingRun);
        Assert.Equal("run-b", left[Newcomer].State.PendingRun);

        // No later run is needed: the shards' next check (here a flush) drops the staged run and settles its participants.
        await Flush(cluster);
        await AssertUndone(cluster, published, glucose);

        // A later run brings the newcomer as new again, and corrects the same value.
        var corrected = await WriteRun(cluster, "run-c");
        await Prepare(cluster, "run-c");
        await Runs(cluster).Commit("run-c");
        Assert.Equal(corrected, await FirstGlucose(cluster, Corrected));
        Assert.NotNull(await cluster.Grains.GetGrain<IParticipantGrain>(Newcomer).Get());
        Assert.Equal(drop.Manifest.Participants + 1, (await Query(cluster).Overview()).Participants);
    }

    [Fact]
    public async Task A_run_abandoned_while_its_shards_were_stopped_is_undone_in_the_store_once_they_are_activated_again()
    {
        await using var cluster = await Seeded(settings: NoPeriodicCheck);
        var glucose = await FirstGlucose(cluster, Corrected);
        var published = (await StoredStates(cluster, Corrected))[Corrected].State;
        await WriteRun(cluster, "run-b");
        // The shards stop before they hear of the abandonment: only their logs name whom the run wrote.
        await DeactivateShards(cluster);
        await Runs(cluster).Abandon("run-b", "test");
        Assert.Equal("run-b", (await StoredStates(cluster, Newcomer))[Newcomer].State.PendingRun);
        Assert.True(await SegmentsOf(cluster, "run-b") > 0);

        await Flush(cluster);
        await AssertUndone(cluster, published, glucose);
        // The flush wrote the bases and deleted the run's segments: a later activation has nothing of it left to read.
        Assert.Equal(0, await SegmentsOf(cluster, "run-b"));
    }

    /// <summary>
    /// Run-b, abandoned, is undone in the store: its newcomer's row is deleted and the corrected participant's row is as published
    /// (<paramref name="published"/>, first glucose <paramref name="glucose"/>), with nothing pending or kept beside it.
    /// </summary>
    private async Task AssertUndone(CohortCluster c, ParticipantState published, double glucose)
    {
        var settled = await StoredStates(c, Corrected, Newcomer);
        Assert.False(settled.ContainsKey(Newcomer));
        Assert.Null(settled[Corrected].State.PendingRun);
        Assert.Null(settled[Corrected].State.Before);
        Assert.Equal(published.Observations.RawValue, settled[Corrected].State.Observations.RawValue);
        Assert.Equal(glucose, await FirstGlucose(c, Corrected));
        Assert.Null(await c.Grains.GetGrain<IParticipantGrain>(Newcomer).Get());
        Assert.Equal(drop.Manifest.Participants, (await Query(c).Overview()).Participants);
    }

    /// <summary>How many segments of <paramref name="runId"/> the shards' logs hold in the store.</summary>
    private static async Task<long> SegmentsOf(CohortCluster c, string runId)
    {
        await using var db = await OpenStore(c, SqliteOpenMode.ReadOnly);
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM grain_state WHERE grain_type = $t AND grain_key LIKE $k";
        count.Parameters.AddWithValue("$t", ShardLog.StateType);
        count.Parameters.AddWithValue("$k", $"%/{runId}/%");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_shard_that_holds_less_than_the_run_sent_it_refuses_to_prepare_so_the_run_cannot_commit_an_under_count()
    {
        await using var cluster = await Seeded();
        await WriteRun(cluster, "run-b");
        var shard = ShardMap.ShardOf(Corrected, 8);
        var sent = new[] { Corrected, Newcomer }.Count(id => ShardMap.ShardOf(id, 8) == shard);
        // As if the shard's silo had died after some of the run's summaries were staged there and the shard had come back without them.
        var refused = await Assert.ThrowsAsync<RunNotOpenException>(() => cluster.Grains.GetGrain<ICohortShardGrain>(shard).Prepare("run-b", sent + 1));
        Assert.Contains($"shard {shard} holds {sent} of the {sent + 1}", refused.Message);
        Assert.Contains("nothing of the run was published", refused.Message);
    }

    [Fact]
    public async Task The_commit_log_decides_a_runs_record_and_a_caller_cannot_pin_an_epoch_that_was_never_published()
    {
        await using var cluster = await Seeded();
        Assert.Null(await Runs(cluster).Open(new RunCommit("run-b", "manual", DateTime.UtcNow, RunCommitState.Open)));
        var epoch = await Runs(cluster).Commit("run-b");
        // The runner saw its commit call fail (a timeout) although the record landed: the history says what the commit log says.
        await Runs(cluster).Record(new RunSummary
        {
            RunId = "run-b", Status = RunStatus.Failed, StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow, Files = [], RowsRead = 0,
            RowsAccepted = 0, RowsRejected = 0, RowsFlagged = 0, RowsUnchanged = 0, RowsAdded = 0, RowsChanged = 0, ParticipantsTouched = 0,
            RejectsByReason = new Dictionary<string, long>(), Message = "the cluster failed during the run (TimeoutException)",
        }, []);
        var recorded = await Runs(cluster).Get("run-b");
        Assert.Equal(RunStatus.Succeeded, recorded!.Status);
        Assert.Contains($"published whole as epoch {epoch}", recorded.Message);

        PublishedSnapshot.Pin(new PublishedData(epoch + 5, "run-forged"));
        try
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Grains.GetGrain<ICohortShardGrain>(0).Overview());
            Assert.Contains($"epoch {epoch + 5} was never published", refused.Message);
        }
        finally
        {
            PublishedSnapshot.Unpin();
        }
        Assert.Equal(drop.Manifest.Participants, (await Query(cluster).Overview()).Participants);
    }

    [Fact]
    public async Task Runs_write_one_at_a_time()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        Assert.Null(await Runs(cluster).Open(new RunCommit("r1", "manual", DateTime.UtcNow, RunCommitState.Open)));
        Assert.Equal("r1", await Runs(cluster).Open(new RunCommit("r2", "manual", DateTime.UtcNow, RunCommitState.Open)));
        Assert.Equal(1, await Runs(cluster).Commit("r1"));
        Assert.Null(await Runs(cluster).Open(new RunCommit("r2", "manual", DateTime.UtcNow, RunCommitState.Open)));
        await Assert.ThrowsAsync<RunNotOpenException>(() => Runs(cluster).Open(new RunCommit("r1", "manual", DateTime.UtcNow, RunCommitState.Open)));
    }

    [Fact]
    public async Task A_shard_that_moved_past_a_pinned_epoch_refuses_so_no_answer_mixes_before_and_after()
    {
        await using var cluster = await Seeded();
        var old = await Runs(cluster).Published();
        await WriteRun(cluster, "run-b");
        await Prepare(cluster, "run-b");
        var epoch = await Runs(cluster).Commit("run-b");
        var shard = cluster.Grains.GetGrain<ICohortShardGrain>(0);
        await shard.Publish("run-b", epoch);
        PublishedSnapshot.Pin(old);
        try
        {
            await Assert.ThrowsAsync<SnapshotMovedException>(() => shard.Overview());
        }
        finally
        {
            PublishedSnapshot.Unpin();
        }
        // The query grain pins again at the newer epoch and answers.
        Assert.Equal(drop.Manifest.Participants + 1, (await Query(cluster).Overview()).Participants);
    }

    [Fact]
    public async Task Queries_during_an_ingest_see_the_data_before_it_or_after_it_and_nothing_between()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 2);
        var seen = new List<long>();
        using var done = new CancellationTokenSource();
        var polling = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested) seen.Add((await Query(cluster).Overview()).Participants);
        });
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        await done.CancelAsync();
        await polling;
        seen.Add((await Query(cluster).Overview()).Participants);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.All(seen, n => Assert.True(n == 0 || n == drop.Manifest.Participants, $"a query saw {n} participants mid-run"));
        Assert.Equal(drop.Manifest.Participants, seen[^1]);
    }
}
