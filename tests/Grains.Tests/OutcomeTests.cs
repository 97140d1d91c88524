using Cohort.Contracts.Ingest;
using Cohort.Contracts.Markers;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Phenotypes;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;

namespace Cohort.Grains.Tests;

/// <summary>
/// Outcomes end to end on generated cohorts: events ingest with their quarantine, and incidence, curves and adjusted rate ratios by
/// phenotype that cover the rates the generator drew the events from.
/// </summary>
public sealed class OutcomeTests() : ScratchFolder("outcomes")
{
    [Fact]
    public async Task Rates_and_rate_ratios_by_phenotype_cover_the_generators_true_rates()
    {
        // Well-separated phenotypes, so that clusters recover them and a ratio by assigned phenotype estimates the true one.
        var options = new SynthOptions { Participants = 3000, Visits = 4, Seed = 5, EffectSize = 4, WithinPhenotypeSpread = 0.25, ChunkSize = 1000 };
        var manifest = await SyntheticCohortGenerator.GenerateAsync(options, Dir);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var runner = new IngestRunner(cluster.Grains);
        var observations = await runner.RunAsync(new IngestRequest(Path.Combine(Dir, SyntheticCohortGenerator.ParticipantsFile), [Path.Combine(Dir, SyntheticCohortGenerator.ObservationsFile)]));
        Assert.Equal(RunStatus.Succeeded, observations.Status);
        var events = await runner.RunAsync(new IngestRequest(null, []) { EventFiles = [Path.Combine(Dir, SyntheticCohortGenerator.EventsFile)] });
        Assert.True(events.Status == RunStatus.Succeeded, events.Message);
        Assert.Equal(manifest.Events.Values.Sum(), events.RowsAccepted);
        await cluster.Grains.GetGrain<IPhenotypeModelGrain>(0).Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt, K: 5));

        var query = new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.Phenotype, 2.5);
        var result = await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Outcomes(query, "cardiovascular_event");

        // The truth for each assigned phenotype: Σ true rate × person-years over Σ person-years of its members, from the export (who
        // is assigned what, visit dates), the generator's truth and the events file, computed by DuckDB.
        var export = Path.Combine(Dir, "export");
        await Cohort.Ingest.Export.CohortExport.WriteAsync(cluster.Grains, export);
        var rate = string.Join(" ", options.CardiovascularRates.Select(kv => $"WHEN '{kv.Key.Code()}' THEN {kv.Value}"));
        var expected = DuckDb.Query($"""
            WITH v AS (SELECT participant_id, min(visit_date) AS entry, max(visit_date) AS last, any_value(phenotype) AS assigned
                       FROM read_parquet('{Path.Combine(export, Cohort.Ingest.Export.CohortExport.Visits)}') GROUP BY 1),
                 t AS (SELECT participant_id, any_value(phenotype) AS truth FROM read_parquet('{Path.Combine(Dir, SyntheticCohortGenerator.TruthFile)}') GROUP BY 1),
                 e AS (SELECT participant_id, min(date) AS day FROM read_parquet('{Path.Combine(Dir, SyntheticCohortGenerator.EventsFile)}')
                       WHERE event = 'cardiovascular_event' GROUP BY 1),
                 f AS (SELECT v.assigned, date_diff('day', v.entry, coalesce(e.day, v.last)) / 365.25 AS years, CASE t.truth {rate} END AS rate
                       FROM v JOIN t USING (participant_id) LEFT JOIN e USING (participant_id))
            SELECT assigned, sum(years * rate) / sum(years) FROM f GROUP BY 1
            """).ToDictionary(r => (string)r[0]!, r => Convert.ToDouble(r[1]));
        // Exact counts (an epidemiologist's view): each shown stratum's events are the file's events of the people assigned to it.
        var counted = DuckDb.Query($"""
            SELECT v.phenotype, count(*) FROM read_parquet('{Path.Combine(Dir, SyntheticCohortGenerator.EventsFile)}') e
            JOIN (SELECT participant_id, any_value(phenotype) AS phenotype FROM read_parquet('{Path.Combine(export, Cohort.Ingest.Export.CohortExport.Visits)}') GROUP BY 1) v
            USING (participant_id) WHERE e.event = 'cardiovascular_event' GROUP BY 1
            """).ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1]));
        Assert.All(result.Rows.Where(r => r.Events is not null), r => Assert.Equal(counted.GetValueOrDefault(r.Stratum), r.Events));
        var rows = result.Rows.Where(r => r.Rate is not null && r.Stratum != "unclassified").ToArray();
        Assert.True(rows.Length >= 3, string.Join("; ", result.Rows.Select(r => $"{r.Stratum} n={r.Participants} e={r.Events}")));
        var reference = Assert.Single(rows, r => r.Reference);
        Assert.Equal(Phenotype.NoRaisedTissueScore.Code(), reference.Stratum);
        foreach (var r in rows)
        {
            Assert.InRange(expected[r.Stratum], r.RateLower!.Value, r.RateUpper!.Value);
            if (r.Reference) continue;
            Assert.InRange(expected[r.Stratum] / expected[reference.Stratum], r.RateRatioLower!.Value, r.RateRatioUpper!.Value);
        }
        // The phenotypes that carry more true risk come out with higher rates than the reference.
        Assert.All(rows.Where(r => !r.Reference), r => Assert.True(r.RateRatio > 1, $"{r.Stratum}: {r.RateRatio}"));
        Assert.Contains("adjusted for sex", result.Model);

        // The curve rises with follow-up and stops while enough remain at risk; years with fewer than 11 events so far are left out.
        var curve = result.Rows.OrderByDescending(r => r.Events).First().Curve;
        Assert.NotEmpty(curve);
        Assert.True(curve.Zip(curve.Skip(1)).All(p => p.First.Percent <= p.Second.Percent));
        Assert.All(curve, p => Assert.True(p.AtRisk >= 11));

        // Stratified by age band, the model cannot also adjust for age: it says so and still gives ratios.
        var byAge = await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Outcomes(query with { StrataBy = Dimension.AgeBand }, "cardiovascular_event");
        Assert.Contains("not for the strata's own dimension", byAge.Model);
        Assert.DoesNotContain("age band", byAge.Model);
        Assert.Contains(byAge.Rows, r => !r.Reference && r.RateRatio is not null);

        // A diagnosis of diabetes: anyone diagnosed at baseline (the participants file) was not at risk.
        var diabetes = await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Outcomes(query, "diabetes_diagnosis");
        Assert.True(diabetes.Prevalent > 0);

        // An analyst's view: every count perturbed, curves from perturbed yearly counts, nothing released for a small stratum.
        using (TestViews.AsAnalyst())
        {
            var perturbed = await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Outcomes(query, "cardiovascular_event");
            Assert.Contains("life tables of perturbed yearly counts", perturbed.Disclosure);
            Assert.DoesNotContain("deviance", perturbed.Model);
            Assert.All(perturbed.Rows.Where(r => r.Participants is null), r => Assert.Null(r.PersonYears));
            Assert.All(perturbed.Rows.Where(r => r.Participants is not null), r => Assert.True(Math.Abs(r.Participants!.Value - result.Rows.Single(x => x.Stratum == r.Stratum).Participants!.Value) <= 4));
            var lifeTable = perturbed.Rows.OrderByDescending(r => r.Events).First().Curve;
            Assert.NotEmpty(lifeTable);
            Assert.True(lifeTable.Zip(lifeTable.Skip(1)).All(p => p.First.Percent <= p.Second.Percent));
        }
    }

    [Fact]
    public async Task Bad_event_rows_go_to_the_quarantine_with_their_reason_and_the_rest_is_kept()
    {
        var options = new SynthOptions { Participants = 400, Visits = 3, Seed = 8, BadRowFraction = 0.01, ChunkSize = 400 };
        await SyntheticCohortGenerator.GenerateAsync(options, Dir);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var runner = new IngestRunner(cluster.Grains);
        await runner.RunAsync(new IngestRequest(Path.Combine(Dir, SyntheticCohortGenerator.ParticipantsFile), [Path.Combine(Dir, SyntheticCohortGenerator.ObservationsFile)]) { RejectThreshold = 0.05 });
        var file = Path.Combine(Dir, SyntheticCohortGenerator.EventsFile);

        // A strict threshold refuses the run and writes nothing; a looser one keeps the good rows.
        var strict = await runner.RunAsync(new IngestRequest(null, []) { EventFiles = [file], RejectThreshold = 0 });
        Assert.Equal(RunStatus.Rejected, strict.Status);
        Assert.Contains("nothing written", strict.Message);
        var run = await runner.RunAsync(new IngestRequest(null, []) { EventFiles = [file], RejectThreshold = 0.5 });
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.RejectsByReason["unknown_participant"]);
        Assert.Equal(1, run.RejectsByReason["unknown_event"]);
        Assert.Equal(1, run.RejectsByReason["before_birth"]);
        var quarantine = await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Quarantine(run.RunId);
        Assert.Contains(quarantine, q => q.Reason == "unknown_event" && q.Message.Contains("'stroke_maybe' is not an event code"));
        Assert.Contains(quarantine, q => q.Reason == "before_birth" && q.Message.Contains("before the participant's birth year"));
        Assert.Equal(run.RowsRead - 3, run.RowsAccepted);
        Assert.Contains(quarantine, q => q.Reason == "unknown_participant" && q.Message.Contains("is not in the cohort"));

        // Again: the same file is skipped; with --force it changes nothing.
        Assert.Equal(RunStatus.Skipped, (await runner.RunAsync(new IngestRequest(null, []) { EventFiles = [file], RejectThreshold = 0.5 })).Status);
        var forced = await runner.RunAsync(new IngestRequest(null, []) { EventFiles = [file], RejectThreshold = 0.5, Force = true });
        Assert.Equal(0, forced.RowsAdded);

        // A study's own event code, once declared, is accepted.
        await cluster.Grains.GetGrain<IMarkerRegistryGrain>(0).Declare("""[ { "code": "stroke_maybe", "name": "Possible stroke", "event": true } ]""", "events.json");
        var declared = await runner.RunAsync(new IngestRequest(null, []) { EventFiles = [file], RejectThreshold = 0.5, Force = true });
        Assert.False(declared.RejectsByReason.ContainsKey("unknown_event"));
        var outcome = await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Outcomes(
            new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5), "diabetes_diagnosis");
        Assert.Equal("Diagnosis of diabetes", outcome.EventName);
        Assert.Equal(0, outcome.WithoutBaseline);
        var bad = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Grains.GetGrain<ICohortQueryGrain>(0).Outcomes(
            new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5), "no_such_event"));
        Assert.Contains("unknown event 'no_such_event'", bad.Message);
    }
}
