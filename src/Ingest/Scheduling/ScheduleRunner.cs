using Cohort.Contracts.Ingest;
using Cohort.Ingest.Hosting;
using Cohort.Ingest.Ingestion;
using Cohort.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cohort.Ingest.Scheduling;

/// <summary>
/// Runs scheduled ingests inside the silo. Schedules live in grain storage (no Orleans reminders, in either mode) and
/// this service polls them (every "Cohort:Ingest:PollSeconds") once the silo has started, and again after every restart: a schedule
/// whose ticks were missed while the silo was down is run once for the missed window. A run picks up the files matching the
/// schedule's pattern that it has not ingested with the same content before.
/// </summary>
public sealed class ScheduleRunner(IGrainFactory grains, IOptions<IngestOptions> options, IHostApplicationLifetime lifetime,
    [FromKeyedServices(ScheduleRunner.ClockKey)] TimeProvider clock, ILogger<ScheduleRunner> logger) : AfterStartService(lifetime)
{
    /// <summary>
    /// The key of the clock schedules are due by: the system clock unless another is registered under it. It is the runner's own, so
    /// that a test can move a silo's schedules days forward without moving the clock Orleans' membership keeps time by.
    /// </summary>
    public const string ClockKey = "schedules";

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var schedules = grains.GetGrain<ISchedulesGrain>(0);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var s in await schedules.List())
                {
                    if (await schedules.Claim(s.Definition.Name, clock.GetUtcNow().UtcDateTime) is { } claim)
                        await RunAsync(claim, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "schedule poll failed; trying again in {Seconds} s", options.Value.PollSeconds);
            }
            await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken);
        }
    }

    /// <summary>Runs one claimed tick and completes the claim, whatever happens.</summary>
    public async Task<RunSummary?> RunAsync(ScheduleClaim claim, CancellationToken ct)
    {
        var d = claim.Definition;
        var schedules = grains.GetGrain<ISchedulesGrain>(0);
        var roots = options.Value.EffectiveRoots;
        IngestRunner.ScheduleLag.Record((clock.GetUtcNow().UtcDateTime - claim.DueAt).TotalSeconds, new KeyValuePair<string, object?>("schedule", d.Name));
        try
        {
            var participants = d.Participants is { } p ? DropDiscovery.Newest(p, roots) : null;
            var candidates = DropDiscovery.Find(d.Path, roots).Where(f => f != participants).ToArray();
            // Every file the tick finds, and those of them not ingested as they are now (new, or changed since).
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            var fresh = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var f in candidates)
            {
                var described = await FileHashing.DescribeAsync(f, "observations", ct);
                found[described.Path] = described.Sha256;
                if (claim.Ingested.GetValueOrDefault(described.Path) != described.Sha256) fresh[described.Path] = described.Sha256;
            }
            if (fresh.Count == 0 || (d.Participants is not null && participants is null))
            {
                var why = fresh.Count == 0 ? "no new files" : "no participants file";
                logger.LogInformation("schedule {Name}: tick {Due:u}: {Why} matching {Path}", d.Name, claim.DueAt, why, fresh.Count == 0 ? d.Path : d.Participants);
                await schedules.Complete(d.Name, "", why, new Dictionary<string, string>());
                return null;
            }
            if (d.Mapping is { } m && (m.Contains('/') || m.Contains('\\'))) IngestRoots.Require(roots, m, "mapping");
            var run = await new IngestRunner(grains).RunAsync(new IngestRequest(participants, fresh.Keys.ToArray())
            {
                Layout = FileLayouts.Parse(d.Layout), Mapping = d.Mapping, RejectThreshold = d.RejectThreshold, Trigger = RunTrigger.Schedule, Schedule = d.Name,
                MaxRowsPerSecond = d.MaxRowsPerSecond,
            }, ct: ct);
            logger.LogInformation("schedule {Name}: run {RunId} {Status} over {Files} files", d.Name, run.RunId, run.Status.Code(), fresh.Count);
            await schedules.Complete(d.Name, run.RunId, run.Status.Code(), found);
            return run;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "schedule {Name}: tick {Due:u} failed", d.Name, claim.DueAt);
            await schedules.Complete(d.Name, "", $"failed: {e.Message}", new Dictionary<string, string>());
            return null;
        }
    }
}
