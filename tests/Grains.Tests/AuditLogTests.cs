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
                await using var read = db.CreateCommand();
                read.CommandText = "SELECT grain_key, data FROM grain_state WHERE grain_type LIKE 'auditlog%'";
                await using var r = await read.ExecuteReaderAsync();
                Assert.True(await r.ReadAsync());
                var key = r.GetString(0);
                var data = (byte[])r[1];
                await r.DisposeAsync();
                var needle = Encoding.UTF8.GetBytes("0 2 * * *");
                var at = data.AsSpan().IndexOf(needle);
                Assert.True(at >= 0, "the schedule's cron text is in the stored entry");
                Encoding.UTF8.GetBytes("0 3 * * *").CopyTo(data, at);
                await using var write = db.CreateCommand();
                write.CommandText = "UPDATE grain_state SET data = $d WHERE grain_type LIKE 'auditlog%' AND grain_key = $k";
                write.Parameters.AddWithValue("$d", data);
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
}
