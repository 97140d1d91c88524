using System.Text;
using Cohort.Contracts.Audit;
using Cohort.Contracts.Ingest;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;
using Microsoft.Data.Sqlite;

namespace Cohort.Grains.Tests;

/// <summary>
/// The audit log on a real store: ingest runs and schedule changes are recorded and chained; an entry changed in the database behind
/// the platform's back is found when the chain is verified after a restart.
/// </summary>
public sealed class AuditLogTests
{
    [Fact]
    public async Task Actions_are_recorded_in_a_chain_and_tampering_in_the_store_is_detected()
    {
        var root = Path.Combine(Path.GetTempPath(), "cohort-audit-" + Guid.NewGuid().ToString("N"));
        var store = Path.Combine(root, "store");
        var drops = Directory.CreateDirectory(Path.Combine(root, "drops")).FullName;
        var settings = new Dictionary<string, string?> { ["Cohort:Ingest:Roots:0"] = drops };
        try
        {
            await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = 200, Visits = 1, Seed = 3 }, Path.Combine(drops, "d"));
            long scheduleEntry;
            await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: store, settings: settings))
            {
                cluster.KeepDirectory = true;
                // The actor travels with the calls (the dashboard sets it for the signed-in user, the gateway check for a client's key).
                global::Cohort.Contracts.Access.AccessContext.Set("dr-ingest", "test host");
                await cluster.Grains.GetGrain<ISchedulesGrain>(0).Add(new ScheduleDefinition("nightly-site-a", "0 2 * * *", Path.Combine(drops, "d", "observations.parquet"), Path.Combine(drops, "d", "participants.parquet")));
                await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(Path.Combine(drops, "d", "participants.parquet"), [Path.Combine(drops, "d", "observations.parquet")]));
                await cluster.Grains.GetGrain<ISchedulesGrain>(0).Remove("nightly-site-a");
                var log = cluster.Grains.GetGrain<IAuditLogGrain>(0);
                var entries = await log.Read(0, 100);
                Assert.Equal([AuditActions.ScheduleAdd, AuditActions.IngestRun, AuditActions.ScheduleRemove], entries.Select(e => e.Action));
                Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Sequence));
                Assert.Contains("succeeded", entries[1].Detail);
                Assert.All(entries, e => Assert.Equal("dr-ingest", e.Actor));
                Assert.Contains("test host", entries[1].From);
                Assert.True((await log.Verify()).Intact);
                scheduleEntry = entries[0].Sequence;
            }

            // Someone with access to the database edits an entry (same length, so the stored blob still deserialises).
            await using (var db = new SqliteConnection($"Data Source={Path.Combine(store, "cohort.db")};Pooling=false"))
            {
                await db.OpenAsync();
                // The entries are in the log's segments (rows of the audit segment grains); find the one holding the schedule's entry.
                await using var read = db.CreateCommand();
                read.CommandText = "SELECT grain_type, grain_key, data FROM grain_state WHERE grain_type LIKE 'audit%'";
                await using var r = await read.ExecuteReaderAsync();
                var needle = Encoding.UTF8.GetBytes("0 2 * * *");
                (string Type, string Key, byte[] Data, int At)? found = null;
                while (found is null && await r.ReadAsync())
                {
                    var data = (byte[])r[2];
                    if (data.AsSpan().IndexOf(needle) is var at and >= 0) found = (r.GetString(0), r.GetString(1), data, at);
                }
                await r.DisposeAsync();
                Assert.True(found is not null, "the schedule's cron text is in a stored entry");
                var (type, key, stored, offset) = found.Value;
                Assert.StartsWith("auditsegment", type);
                Encoding.UTF8.GetBytes("0 3 * * *").CopyTo(stored, offset);
                await using var write = db.CreateCommand();
                write.CommandText = "UPDATE grain_state SET data = $d WHERE grain_type = $t AND grain_key = $k";
                write.Parameters.AddWithValue("$d", stored);
                write.Parameters.AddWithValue("$t", type);
                write.Parameters.AddWithValue("$k", key);
                Assert.Equal(1, await write.ExecuteNonQueryAsync());
            }

            await using (var restarted = await CohortCluster.StartAsync(silos: 1, directory: store, settings: settings))
            {
                var check = await restarted.Grains.GetGrain<IAuditLogGrain>(0).Verify();
                Assert.False(check.Intact);
                Assert.Equal(scheduleEntry, check.BrokenAt);
                Assert.Contains("changed after it was written", check.Reason);
            }
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_log_is_kept_in_bounded_segments_read_and_verified_across_them_and_continued_after_a_restart()
    {
        var store = Path.Combine(Path.GetTempPath(), "cohort-audit-segments-" + Guid.NewGuid().ToString("N"));
        const int first = 2_300;
        try
        {
            await using (var cluster = await CohortCluster.StartAsync(silos: 1, directory: store))
            {
                cluster.KeepDirectory = true;
                var log = cluster.Grains.GetGrain<IAuditLogGrain>(0);
                for (var i = 0; i < first; i++) await log.Append(new AuditEvent("tester", "test.entry", $"T{i}", "here", $"entry {i}"));
                var all = await log.Read(0, 10_000);
                Assert.Equal(Enumerable.Range(1, first).Select(i => (long)i), all.Select(e => e.Sequence));
                for (var i = 1; i < all.Count; i++) Assert.Equal(all[i - 1].Hash, all[i].PreviousHash);
                // Reading from the middle crosses a segment boundary (segments hold at most 1,000 entries).
                Assert.Equal(Enumerable.Range(995, 10).Select(i => (long)i), (await log.Read(994, 10)).Select(e => e.Sequence));
                var check = await log.Verify();
                Assert.True(check.Intact, check.Reason);
                Assert.Equal(first, check.Entries);
                // No segment holds more than its capacity: the store has at least three segment rows, none of them the whole log.
                Assert.True(await SegmentRows(store) >= first / Cohort.Grains.Audit.AuditLogGrain.SegmentCapacity + 1);
            }
            await using (var restarted = await CohortCluster.StartAsync(silos: 1, directory: store))
            {
                restarted.KeepDirectory = true;
                var log = restarted.Grains.GetGrain<IAuditLogGrain>(0);
                var next = await log.Append(new AuditEvent("tester", "test.entry", "after", "here", "after a restart"));
                Assert.Equal(first + 1, next.Sequence);
                Assert.Equal((await log.Read(first - 1, 1)).Single().Hash, next.PreviousHash);
                Assert.True((await log.Verify()).Intact);
            }
        }
        finally
        {
            try { Directory.Delete(store, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<long> SegmentRows(string store)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(store, "cohort.db")};Pooling=false");
        await db.OpenAsync();
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM grain_state WHERE grain_type LIKE 'auditsegment%'";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
