using Cohort.Contracts.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Grains.Tests;

/// <summary>
/// Schedules live in the store and are run by the silo: one survives a restart of the cluster, and after three days down it runs once
/// for the missed window, not once per missed tick; it keeps the files its drop holds, not every file it ever saw. Paths outside the
/// ingest roots are refused.
/// </summary>
public sealed class ScheduleTests(GeneratedDrop drop) : IClassFixture<GeneratedDrop>
{
    [Fact]
    public async Task A_schedule_survives_a_restart_runs_once_for_the_missed_window_and_keeps_only_the_files_its_drop_holds()
    {
        var store = Path.Combine(Path.GetTempPath(), "cohort-schedule-store-" + Guid.NewGuid().ToString("N"));
        var roots = Path.Combine(Path.GetTempPath(), "cohort-drops-" + Guid.NewGuid().ToString("N"));
        var site = Directory.CreateDirectory(Path.Combine(roots, "site-a")).FullName;
        File.Copy(drop.Participants, Path.Combine(site, "participants.parquet"));
        File.Copy(drop.Observations, Path.Combine(site, "observations-2026-11-23.parquet"));
        Dictionary<string, string?> Settings(double offsetHours) => new()
        {
            ["Cohort:Ingest:Roots:0"] = roots, ["Cohort:Ingest:PollSeconds"] = "0.2", ["Test:Schedules"] = "true",
            ["Test:ClockOffsetHours"] = offsetHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        try
        {
            await using (var first = await CohortCluster.StartAsync(silos: 1, directory: store, settings: Settings(0)))
            {
                first.KeepDirectory = true;
                var schedules = first.Grains.GetGrain<ISchedulesGrain>(0);
                var outside = await Assert.ThrowsAsync<ScheduleException>(() => schedules.Add(new ScheduleDefinition("bad", "0 2 * * *", "/etc/*.parquet", "/etc/p.parquet")));
                Assert.Contains("path: '/etc/*.parquet' is outside the ingest roots", outside.Message);
                var cron = await Assert.ThrowsAsync<ScheduleException>(() => schedules.Add(new ScheduleDefinition("bad", "every night", Path.Combine(site, "*.parquet"), "x")));
                Assert.StartsWith("cron: 'every night' is not a 5-field cron expression", cron.Message);
                var stalled = await Assert.ThrowsAsync<ScheduleException>(() => schedules.Add(new ScheduleDefinition("bad", "0 2 * * *", Path.Combine(site, "*.parquet"),
                    Path.Combine(site, "participants.parquet"), MaxRowsPerSecond: 0)));
                Assert.Equal("max rows per second: 0 must be a positive number of rows", stalled.Message);
                await schedules.Add(new ScheduleDefinition("site-a", "0 2 * * *", Path.Combine(site, "observations-*.parquet"), Path.Combine(site, "participants.parquet"),
                    TimeZone: "Europe/Oslo", MaxRowsPerSecond: 5_000_000));
                await Task.Delay(1000);
                Assert.Empty(await first.Grains.GetGrain<IIngestRunsGrain>(0).List());   // no tick is due yet
            }

            // The silo comes back three days later: three nightly ticks were missed.
            await using var second = await CohortCluster.StartAsync(silos: 1, directory: store, settings: Settings(72));
            var history = second.Grains.GetGrain<IIngestRunsGrain>(0);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await history.List()).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
            await Task.Delay(1500);   // several more polls: nothing else may run
            var run = Assert.Single(await history.List());
            Assert.Equal(RunStatus.Succeeded, run.Status);
            Assert.Equal(RunTrigger.Schedule, run.Trigger);
            Assert.Equal("site-a", run.Schedule);
            Assert.Equal(["participants.parquet", "observations-2026-11-23.parquet"], run.Inputs!.Select(f => f.Name));
            var view = Assert.Single(await second.Grains.GetGrain<ISchedulesGrain>(0).List());
            Assert.Equal(5_000_000, view.Definition.MaxRowsPerSecond);   // kept across the restart, and the paced run succeeded
            Assert.Equal(run.RunId, view.LastRunId);
            Assert.Equal(1, view.FilesIngested);
            Assert.Null(view.RunningSince);
            Assert.True(view.NextRunAt > DateTime.UtcNow.AddHours(72) - TimeSpan.FromMinutes(1), $"next run {view.NextRunAt:u} should be after the silo's now");
            var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
            Assert.Equal(2, TimeZoneInfo.ConvertTimeFromUtc(view.LastTickAt!.Value, oslo).Hour);

            // A later tick that finds no new file starts no run: the last run stays the one above, and the tick says what it found.
            var registry = second.Grains.GetGrain<ISchedulesGrain>(0);
            Assert.NotNull(await registry.Claim("site-a", DateTime.UtcNow.AddHours(72 + 25)));
            await registry.Complete("site-a", "", "no new files", new Dictionary<string, string>());
            var later = Assert.Single(await registry.List());
            Assert.Equal((run.RunId, "succeeded", "no new files"), (later.LastRunId, later.LastStatus, later.LastTickOutcome));

            // The drop moves on: yesterday's file is archived elsewhere and today's arrives (with the same content, so its run is
            // skipped). The schedule keeps only the files its drop now holds, not every file it ever saw.
            File.Delete(Path.Combine(site, "observations-2026-11-23.parquet"));
            File.Copy(drop.Observations, Path.Combine(site, "observations-2026-11-24.parquet"));
            var claim = await registry.Claim("site-a", DateTime.UtcNow.AddHours(72 + 49));
            var runner = ((Orleans.TestingHost.InProcessSiloHandle)second.Cluster.Primary!).ServiceProvider
                .GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Cohort.Ingest.Scheduling.ScheduleRunner>().Single();
            var next = await runner.RunAsync(claim!, CancellationToken.None);
            Assert.Equal(RunStatus.Skipped, next!.Status);
            var kept = Assert.Single(await registry.List());
            Assert.Equal((next.RunId, 1), (kept.LastRunId, kept.FilesIngested));
        }
        finally
        {
            try { Directory.Delete(store, recursive: true); } catch (IOException) { }
            Directory.Delete(roots, recursive: true);
        }
    }
}
