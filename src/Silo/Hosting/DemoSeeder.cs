using Cohort.Contracts.Ingest;
using Cohort.Contracts.Queries;
using Cohort.Grains.Storage;
using Cohort.Ingest.Hosting;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;
using Microsoft.Extensions.Options;

namespace Cohort.Silo.Hosting;

/// <summary>
/// `--demo`: on an empty store, generates a synthetic cohort ("Cohort:Demo": 20,000 participants × 4 visits by default) with the
/// `cohort synth` generator and ingests it, so a newcomer sees a full dashboard within a minute. A store that already holds
/// participants is left alone.
/// </summary>
public sealed class DemoSeeder(IGrainFactory grains, IOptions<DemoOptions> demo, IOptions<StorageOptions> storage,
    IHostApplicationLifetime lifetime, ILogger<DemoSeeder> logger) : AfterStartService(lifetime)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var overview = await grains.GetGrain<ICohortQueryGrain>(0).Overview();
        if (overview.Participants > 0)
        {
            logger.LogInformation("--demo: the store already holds {Participants} participants; nothing generated", overview.Participants);
            return;
        }
        var options = demo.Value.Synth();
        var dir = Path.Combine(storage.Value.DataDirectory, "demo");
        logger.LogInformation("--demo: generating {Participants} participants × {Visits} visits into {Dir}", options.Participants, options.Visits, dir);
        await SyntheticCohortGenerator.GenerateAsync(options, dir, ct: stoppingToken);
        var run = await new IngestRunner(grains).RunAsync(new IngestRequest(
            Path.Combine(dir, SyntheticCohortGenerator.ParticipantsFile), [Path.Combine(dir, SyntheticCohortGenerator.ObservationsFile)])
        {
            Trigger = RunTrigger.Demo,
        }, ct: stoppingToken);
        logger.LogInformation("--demo: ingest {RunId} {Status}: {Read} rows read, {Accepted} accepted, {Rejected} rejected in {Seconds:0.0} s",
            run.RunId, run.Status.Code(), run.RowsRead, run.RowsAccepted, run.RowsRejected, run.DurationSeconds);
        if (run.Status != RunStatus.Succeeded) return;
        var events = await new IngestRunner(grains).RunAsync(new IngestRequest(null, [])
        {
            EventFiles = [Path.Combine(dir, SyntheticCohortGenerator.EventsFile)], Trigger = RunTrigger.Demo, RejectThreshold = 0.5,
        }, ct: stoppingToken);
        logger.LogInformation("--demo: events {RunId} {Status}: {Accepted} events accepted", events.RunId, events.Status.Code(), events.RowsAccepted);
        var model = await grains.GetGrain<Cohort.Contracts.Phenotypes.IPhenotypeModelGrain>(0)
            .Fit(new Cohort.Contracts.Phenotypes.PhenotypeFitRequest(Cohort.Contracts.Queries.VisitChoice.FirstOgtt));
        logger.LogInformation("--demo: phenotype model v{Version} fitted: k = {K} in {Seconds:0.0} s", model.Version, model.K, model.FitSeconds);
    }
}
