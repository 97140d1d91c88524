using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Phenotypes;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;
using Cohort.Phenotyping.Validation;
using DuckDB.NET.Data;

namespace Cohort.Grains.Tests;

/// <summary>A default generated cohort ingested into a one-silo cluster on a kept store, with one model fitted.</summary>
public sealed class PhenotypedCohort : IAsyncLifetime
{
    public const int Participants = 12_000;
    public string Drop { get; } = Path.Combine(Path.GetTempPath(), "cohort-phenotypes-" + Guid.NewGuid().ToString("N"));
    public string Store => Path.Combine(Drop, "store");
    public CohortCluster Cluster { get; set; } = null!;
    public PhenotypeModel First { get; private set; } = null!;
    public Dictionary<string, string> Truth { get; } = new(StringComparer.Ordinal);

    public static IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cohort:ExportEnabled"] = "true" };

    public async Task InitializeAsync()
    {
        await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = Participants, Visits = 1, Seed = 11 }, Drop);
        Cluster = await CohortCluster.StartAsync(silos: 1, directory: Store, settings: Settings);
        Cluster.KeepDirectory = true;
        await new IngestRunner(Cluster.Grains).RunAsync(new IngestRequest(Path.Combine(Drop, "participants.parquet"), [Path.Combine(Drop, "observations.parquet")]));
        First = await Cluster.Grains.GetGrain<IPhenotypeModelGrain>(0).Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt));
        // The generator's truth, read by another Parquet implementation.
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var cmd = duck.CreateCommand();
        cmd.CommandText = $"SELECT participant_id, phenotype FROM '{Path.Combine(Drop, "truth.parquet")}' WHERE visit = 1";
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) Truth[reader.GetString(0)] = reader.GetString(1);
    }

    /// <summary>Every participant's assigned phenotype, from the shards' participant-level export.</summary>
    public async Task<Dictionary<string, Phenotype>> Assigned()
    {
        var result = new Dictionary<string, Phenotype>(StringComparer.Ordinal);
        var query = new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5);
        for (var s = 0; s < 8; s++)
        {
            var chunk = await Cluster.Grains.GetGrain<ICohortShardGrain>(s).Export(query);
            for (var i = 0; i < chunk.ParticipantId.Length; i++) result[chunk.ParticipantId[i]] = (Phenotype)chunk.Phenotype[i];
        }
        return result;
    }

    public async Task DisposeAsync()
    {
        Cluster.KeepDirectory = false;
        await Cluster.DisposeAsync();
        try { Directory.Delete(Drop, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// Phenotype models end to end on a real store: recovery of the generator's truth, stability, determinism, versions and their
/// comparison, phenotype tables, the model surviving a restart, and fits the data cannot support refused with a reason.
/// </summary>
public sealed class PhenotypeModelTests(PhenotypedCohort cohort) : IClassFixture<PhenotypedCohort>
{
    private IPhenotypeModelGrain Models => cohort.Cluster.Grains.GetGrain<IPhenotypeModelGrain>(0);

    [Fact]
    public async Task Labels_recover_the_generators_truth_and_every_cluster_is_stable()
    {
        var model = cohort.First;
        Assert.All(model.Clusters, c => Assert.True(c.Stability >= BootstrapJaccard.Stable, $"cluster {c.Number} ({c.Label}) Jaccard {c.Stability:0.00}"));
        var assigned = await cohort.Assigned();
        var ids = assigned.Where(kv => kv.Value != Phenotype.Unclassified).Select(kv => kv.Key).ToArray();
        Assert.True(ids.Length > PhenotypedCohort.Participants * 0.8, $"only {ids.Length} participants assigned");
        var truthCodes = cohort.Truth.Values.Distinct().Order().ToList();
        var ari = AdjustedRandIndex.Compute(ids.Select(i => (int)assigned[i]).ToArray(), ids.Select(i => truthCodes.IndexOf(cohort.Truth[i])).ToArray());
        Assert.True(ari >= 0.7, $"ARI against the generator's truth {ari:0.000} (k = {model.K}: {string.Join("; ", model.Clusters.Select(c => c.Label))})");
    }

    [Fact]
    public async Task The_clusterings_recovery_is_read_against_a_supervised_ceiling_on_the_same_features()
    {
        // A cross-validated classifier trained on the truth with the model's own scaled features: what the features allow at best.
        var r = await PhenotypeRecovery.MeasureAsync(cohort.Cluster.Grains, cohort.First, cohort.Truth, shards: 8);
        Assert.True(r.Participants > PhenotypedCohort.Participants / 3, $"{r.Participants} participants");
        Assert.True(r.Ceiling > 0.75, $"ceiling ARI {r.Ceiling:0.000}");
        Assert.True(r.Ceiling > r.Ari && r.Ceiling > r.LabelAri, $"ceiling {r.Ceiling:0.000}, clusters {r.Ari:0.000}, labels {r.LabelAri:0.000}");
        Assert.True(r.LabelShare > 0.75, $"labels reach {r.LabelShare:0.00} of the ceiling (ARI {r.LabelAri:0.000} of {r.Ceiling:0.000})");
    }

    [Fact]
    public async Task A_refit_with_the_same_seed_gives_the_same_model_and_versions_compare_by_ARI()
    {
        var again = await Models.Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt));
        Assert.True(again.Version > cohort.First.Version);
        Assert.Equal(cohort.First.K, again.K);
        for (var c = 0; c < again.K; c++) Assert.Equal(cohort.First.Clusters[c].Centroid, again.Clusters[c].Centroid);
        Assert.Equal(cohort.First.Means, again.Means);
        var same = await Models.Compare(cohort.First.Version, again.Version);
        Assert.Equal(1.0, same.AdjustedRandIndex, 9);
        var other = await Models.Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt, K: 3, Seed: 5));
        Assert.Equal(3, other.K);
        var compared = await Models.Compare(cohort.First.Version, other.Version);
        Assert.InRange(compared.AdjustedRandIndex, 0.05, 0.99);
        Assert.Equal(compared.Participants, compared.Contingency.Sum());
        // The earlier version stays readable.
        Assert.Equal(cohort.First.Clusters[0].Centroid, (await Models.Version(cohort.First.Version))!.Model.Clusters[0].Centroid);
        // Leave the cluster as the other tests expect it: the first model's settings current.
        await Models.Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt));
    }

    [Fact]
    public async Task Shard_counts_match_the_coverage_and_the_phenotype_table_sums_to_the_participants()
    {
        var view = (await Models.Current())!;
        var assigned = view.Assigned!;
        Assert.Equal(PhenotypedCohort.Participants, assigned.Coverage.Sum());
        Assert.Equal(assigned.Coverage[1] + assigned.Coverage[2], assigned.PerCluster.Sum());
        var table = await cohort.Cluster.Grains.GetGrain<ICohortQueryGrain>(0)
            .PhenotypeTable(new CohortQuery(CohortFilter.All, VisitChoice.FirstOgtt, Dimension.Phase, 2.5));
        Assert.Equal(PhenotypedCohort.Participants, table.Rows.Sum(r => r.Total ?? 0) + (table.WithoutVisit ?? 0));
        Assert.Contains(table.Rows, r => r.Stratum == "diabetes-range");
    }

    [Fact]
    public async Task A_fit_the_data_cannot_support_is_refused_with_the_reason()
    {
        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => Models.Fit(new PhenotypeFitRequest(VisitChoice.Visit(5))));
        Assert.Contains("no participant has a feature visit", e.Message);
        // As a job: started, then failed with the same reason.
        var job = await Finished(await Models.StartFit(new PhenotypeFitRequest(VisitChoice.Visit(5))));
        Assert.Equal("failed", job.State);
        Assert.Contains("no participant has a feature visit", job.Error);
        Assert.Null(job.Version);
    }

    [Fact]
    public async Task A_fit_started_as_a_job_reports_its_stages_and_ends_with_the_version_it_stored()
    {
        // An unknown feature is refused before anything starts.
        var bad = await Assert.ThrowsAnyAsync<ArgumentException>(() => Models.StartFit(new PhenotypeFitRequest(VisitChoice.FirstOgtt) { Features = ["no_such_marker"] }));
        Assert.Contains("no_such_marker", bad.Message);

        // The first model's settings, so that the cluster stays as the other tests expect it.
        var started = await Models.StartFit(new PhenotypeFitRequest(VisitChoice.FirstOgtt));
        Assert.Equal("queued", started.State);
        var seen = new List<PhenotypeFitJob>();
        var before = (await Models.Current())!.Model.Version;
        var answeredDuringFit = 0;
        var job = await Finished(started, async j =>
        {
            seen.Add(j);
            // The current model answers while the fit runs (it does not wait for it): the version before until every shard assigns with
            // the new one, and whichever it is, its counts are whole (never a version some shards have not applied yet).
            var current = (await Models.Current())!;
            var after = (await Models.Job(j.Id))!;
            if (!after.IsFinished && j.State == "running") answeredDuringFit++;
            Assert.InRange(current.Model.Version, before, before + 1);
            Assert.Equal(PhenotypedCohort.Participants, current.Assigned!.Coverage.Sum());
        });
        Assert.True(job.State == "succeeded", job.Error);
        Assert.True(answeredDuringFit > 0, $"the current model never answered while the fit ran ({seen.Count} polls)");
        var stored = await Models.List();
        Assert.Equal(stored[^1].Version, job.Version);
        Assert.Equal(cohort.First.Clusters[0].Centroid, stored[^1].Clusters[0].Centroid);
        Assert.Equal(PhenotypeFitJob.Stages, job.Stage);
        // Stages never go back, and each step reports no more units done than it has.
        Assert.Equal(seen.Select(j => j.Stage).Order(), seen.Select(j => j.Stage));
        Assert.All(seen, j => Assert.InRange(j.Done, 0, Math.Max(1, j.Total)));
        Assert.Null(await Models.Job("fit-unknown"));
    }

    /// <summary>Polls a job until it finishes (the fit, not the clock, decides when).</summary>
    private async Task<PhenotypeFitJob> Finished(PhenotypeFitJob job, Func<PhenotypeFitJob, Task>? seen = null)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!job.IsFinished)
        {
            Assert.True(DateTime.UtcNow < deadline, $"job {job.Id} did not finish in 5 minutes: {job}");
            if (seen is not null) await seen(job);
            await Task.Delay(50);
            job = await Models.Job(job.Id) ?? throw new InvalidOperationException($"job {job.Id} was forgotten while running");
        }
        return job;
    }
}

/// <summary>
/// A fitted model survives a silo restart (stored, published to the shards, answering without a refit), and participants who
/// arrive after the fit are assigned with it: nearest centroid, distance and margin.
/// </summary>
public sealed class PhenotypeRestartTests
{
    [Fact]
    public async Task The_model_and_the_assignments_survive_a_restart_and_later_arrivals_are_assigned_with_it()
    {
        var drop = Path.Combine(Path.GetTempPath(), "cohort-phenotype-restart-" + Guid.NewGuid().ToString("N"));
        var store = Path.Combine(drop, "store");
        try
        {
            await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = 3000, Visits = 1, Seed = 12 }, drop);
            PhenotypeModelView before;
            await using (var first = await CohortCluster.StartAsync(silos: 1, directory: store))
            {
                first.KeepDirectory = true;
                await new IngestRunner(first.Grains).RunAsync(new IngestRequest(Path.Combine(drop, "participants.parquet"), [Path.Combine(drop, "observations.parquet")]));
                await first.Grains.GetGrain<IPhenotypeModelGrain>(0).Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt, K: 4));
                before = (await first.Grains.GetGrain<IPhenotypeModelGrain>(0).Current())!;
            }
            await using var second = await CohortCluster.StartAsync(silos: 1, directory: store, settings: PhenotypedCohort.Settings);
            var after = (await second.Grains.GetGrain<IPhenotypeModelGrain>(0).Current())!;
            Assert.Equal(before.Model.Version, after.Model.Version);
            Assert.Equal(before.Model.Clusters.Select(c => c.Centroid), after.Model.Clusters.Select(c => c.Centroid));
            Assert.Equal(before.Assigned!.PerCluster, after.Assigned!.PerCluster);
            var table = await second.Grains.GetGrain<ICohortQueryGrain>(0).PhenotypeTable(new CohortQuery(CohortFilter.All, VisitChoice.FirstOgtt, Dimension.None, 2.5));
            Assert.True(table.Rows.Single().Counts.Skip(1).Sum(c => c ?? 0) > 2000);

            // The same seed with 100 more participants: the first 3,000 are unchanged, 100 arrive after the fit.
            var more = Path.Combine(drop, "more");
            await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = 3100, Visits = 1, Seed = 12 }, more);
            await new IngestRunner(second.Grains).RunAsync(new IngestRequest(Path.Combine(more, "participants.parquet"), [Path.Combine(more, "observations.parquet")]));
            var now = (await second.Grains.GetGrain<IPhenotypeModelGrain>(0).Current())!;
            Assert.Equal(before.Model.Version, now.Model.Version);
            Assert.Equal(3100, now.Assigned!.Coverage.Sum());
            var newcomers = 0;
            for (var s = 0; s < 8; s++)
            {
                var chunk = await second.Grains.GetGrain<ICohortShardGrain>(s).Export(new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5));
                for (var i = 0; i < chunk.Count; i++)
                {
                    if (string.CompareOrdinal(chunk.ParticipantId[i], "P0003000") <= 0 || chunk.PhenotypeCluster![i] == 0) continue;
                    newcomers++;
                    Assert.NotEqual(0, chunk.Phenotype[i]);
                    Assert.True(chunk.PhenotypeDistance![i] >= 0 && chunk.PhenotypeMargin![i] >= 0);
                }
            }
            Assert.True(newcomers > 70, $"{newcomers} of 100 later arrivals assigned");
        }
        finally
        {
            try { Directory.Delete(drop, recursive: true); } catch (IOException) { }
        }
    }
}
