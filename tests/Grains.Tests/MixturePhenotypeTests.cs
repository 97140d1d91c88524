using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Phenotypes;
using Cohort.Ingest.Export;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;

namespace Cohort.Grains.Tests;

/// <summary>A generated cohort (derivation) and a second one (replication, another seed), each ingested into its own one-silo cluster.</summary>
public sealed class TwoCohorts : IAsyncLifetime
{
    public string Drop { get; } = Path.Combine(Path.GetTempPath(), "cohort-mixture-" + Guid.NewGuid().ToString("N"));
    public CohortCluster Derivation { get; private set; } = null!;
    public CohortCluster Replication { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Derivation = await Start("derivation", 5000, seed: 21);
        Replication = await Start("replication", 3000, seed: 22);
    }

    private async Task<CohortCluster> Start(string name, int participants, ulong seed)
    {
        var drop = Path.Combine(Drop, name);
        await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = participants, Visits = 1, Seed = seed }, drop);
        var cluster = await CohortCluster.StartAsync(silos: 1, settings: PhenotypedCohort.Settings);
        await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(Path.Combine(drop, "participants.parquet"), [Path.Combine(drop, "observations.parquet")]));
        return cluster;
    }

    public async Task DisposeAsync()
    {
        await Derivation.DisposeAsync();
        await Replication.DisposeAsync();
        try { Directory.Delete(Drop, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// Model-based phenotypes on a real store: a Gaussian-mixture fit gives every assigned participant membership probabilities (in the
/// export, summing to one) and counts the uncertain; a sex-specific fit assigns among each sex's clusters and reports agreement with a
/// pooled fit; a model exported as a file is imported by a second cohort, assigns it without refitting and reports the ARI against a
/// refit there; a file that does not fit is refused with every problem named and nothing stored; the HIRI/MISI tertile phenotypes
/// and the OGTT curve shapes are derived and cross-tabulated.
/// </summary>
public sealed class MixturePhenotypeTests(TwoCohorts cohorts) : IClassFixture<TwoCohorts>
{
    private static readonly PhenotypeFitRequest Gmm = new(VisitChoice.FirstOgtt, K: 4) { Method = "gmm", Families = ["EEE", "VVV"] };

    [Fact]
    public async Task A_mixture_gives_membership_probabilities_that_the_export_carries_and_counts_the_uncertain()
    {
        var models = cohorts.Derivation.Grains.GetGrain<IPhenotypeModelGrain>(0);
        var model = await models.Fit(Gmm);
        Assert.True(model.IsMixture);
        Assert.Contains(model.Family, new[] { "EEE", "VVV" });
        Assert.Equal(4, model.K);
        Assert.All(model.Clusters, c => Assert.Equal(model.Features.Length * model.Features.Length, c.Covariance!.Length));
        Assert.Equal(1.0, model.Clusters.Sum(c => c.Weight), 1e-6);
        Assert.Equal(3, model.MixtureCandidates.Length); // EEE and VVV at k = 4, and one full-covariance Gaussian (the no-cluster baseline)
        Assert.Single(model.MixtureCandidates, c => c.Chosen);
        var membership = model.Membership!;
        Assert.InRange(membership.MeanTopProbability, 0.5, 1.0);
        Assert.Single(model.Continuum);
        Assert.False(string.IsNullOrWhiteSpace(model.Continuum[0].Statement));

        // The export: the assigned cluster's probability and every cluster's, per participant, summing to one.
        var dir = Path.Combine(cohorts.Drop, "export-gmm");
        await CohortExport.WriteAsync(cohorts.Derivation.Grains, dir);
        var columns = string.Join(" + ", Enumerable.Range(1, model.K).Select(k => $"phenotype_probability_{k}"));
        var rows = DuckDb.Query($"SELECT count(*), count(*) FILTER (WHERE abs({columns} - 1) < 1e-5), " +
            $"count(*) FILTER (WHERE phenotype_probability < 0.8) FROM '{Path.Combine(dir, CohortExport.Visits)}' WHERE phenotype_cluster IS NOT NULL");
        var (assigned, summing, uncertain) = (Convert.ToInt64(rows[0][0]), Convert.ToInt64(rows[0][1]), Convert.ToInt64(rows[0][2]));
        Assert.True(assigned > 3000, $"{assigned} assigned");
        Assert.Equal(assigned, summing);
        var view = (await models.Current())!;
        Assert.Equal(uncertain, view.Assigned!.Uncertain!.Sum());
        Assert.Equal(view.Assigned.PerCluster.Sum(), assigned);
    }

    [Fact]
    public async Task A_sex_specific_fit_assigns_each_sex_among_its_own_clusters_and_reports_agreement_with_the_pooled_fit()
    {
        var models = cohorts.Derivation.Grains.GetGrain<IPhenotypeModelGrain>(0);
        var model = await models.Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt, K: 3) { BySex = true });
        Assert.True(model.BySex);
        Assert.Equal(6, model.K);
        Assert.Equal([1, 1, 1, 2, 2, 2], model.Clusters.Select(c => (int)c.Sex));
        // Women and men of the generator share their phenotypes, so pooled and sex-specific clusters agree well beyond chance.
        Assert.True(model.PooledAgreementWomen > 0.3 && model.PooledAgreementMen > 0.3, $"women {model.PooledAgreementWomen}, men {model.PooledAgreementMen}");
        Assert.Equal(2, model.Continuum.Length);
        var query = new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5);
        for (var s = 0; s < 8; s++)
        {
            var chunk = await cohorts.Derivation.Grains.GetGrain<ICohortShardGrain>(s).Export(query);
            for (var i = 0; i < chunk.Count; i++)
                if (chunk.PhenotypeCluster![i] > 0) Assert.Equal(chunk.Sex[i], model.Clusters[chunk.PhenotypeCluster[i] - 1].Sex);
        }
    }

    [Fact]
    public async Task A_model_file_assigns_another_cohort_without_refitting_and_reports_agreement_with_a_refit_there()
    {
        var derivation = cohorts.Derivation.Grains.GetGrain<IPhenotypeModelGrain>(0);
        var source = await derivation.Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt, K: 4));
        var json = await derivation.Export(source.Version);
        Assert.Contains("\"format\": \"cohort-phenotype-model\"", json);

        var replication = cohorts.Replication.Grains.GetGrain<IPhenotypeModelGrain>(0);
        var before = (await replication.List()).Count;
        var imported = await replication.Import(json, "derivation cohort");
        Assert.Equal(before + 1, (await replication.List()).Count);
        Assert.Equal(source.Clusters.Select(c => c.Centroid), imported.Clusters.Select(c => c.Centroid));
        Assert.Equal(source.Means, imported.Means);
        var transfer = imported.Transfer!;
        Assert.Equal("derivation cohort", transfer.Source);
        Assert.Equal(source.Version, transfer.SourceModelVersion);
        Assert.True(transfer.Participants > 1000, transfer.RefitSummary);
        // Two cohorts drawn from the same generator: transferred and re-fitted clusters largely agree.
        Assert.True(transfer.RefitAri > 0.5, $"ARI against a refit {transfer.RefitAri}");
        var view = (await replication.Current())!;
        Assert.Equal(imported.Version, view.Model.Version);
        Assert.True(view.Assigned!.PerCluster.Sum() > 1000);
        // The imported version keeps the derivation cohort's labels.
        Assert.Equal(source.Clusters.Select(c => c.Label), (await replication.Version(imported.Version))!.Model.Clusters.Select(c => c.Label));
    }

    [Fact]
    public async Task A_model_file_that_does_not_fit_is_refused_with_every_problem_named_and_nothing_stored()
    {
        var derivation = cohorts.Derivation.Grains.GetGrain<IPhenotypeModelGrain>(0);
        var source = await derivation.Fit(Gmm);
        var json = await derivation.Export(source.Version);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node["features"]![0]!["unit"] = "mg/dL";
        node["clusters"]![1]!["covariance"]![0] = -1.0;
        node["features"]![1]!["metric"] = "no_such_marker";
        var replication = cohorts.Replication.Grains.GetGrain<IPhenotypeModelGrain>(0);
        var before = (await replication.List()).Count;
        var e = await Assert.ThrowsAsync<ArgumentException>(() => replication.Import(node.ToJsonString(), "broken file"));
        Assert.Contains("features[0]", e.Message);
        Assert.Contains("mg/dL", e.Message);
        Assert.Contains("features[1]: 'no_such_marker' is not a metric of this cohort", e.Message);
        Assert.Contains("clusters[1].covariance", e.Message);
        Assert.Equal(before, (await replication.List()).Count);
        var notJson = await Assert.ThrowsAsync<ArgumentException>(() => replication.Import("{ not json", "garbage"));
        Assert.Contains("not valid JSON", notJson.Message);

        // A policy that would let a participant with no features through, and a tissue given as a number: refused, not stored.
        var hostile = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        hostile["policy"]!["minimum_per_tissue"] = 0;
        hostile["policy"]!["maximum_missing"] = 99;
        hostile["features"]![2]!["tissue"] = "7";
        hostile["clusters"]![0]!["weight"] = 0.9;
        var h = await Assert.ThrowsAsync<ArgumentException>(() => replication.Import(hostile.ToJsonString(), "hostile file"));
        Assert.Contains("policy.minimum_per_tissue", h.Message);
        Assert.Contains("policy.maximum_missing", h.Message);
        Assert.Contains("features[2].tissue", h.Message);
        Assert.Contains("weights", h.Message);
        Assert.Equal(before, (await replication.List()).Count);
    }

    [Fact]
    public async Task Tissue_rule_phenotypes_and_curve_shapes_are_derived_and_cross_tabulated()
    {
        var models = cohorts.Derivation.Grains.GetGrain<IPhenotypeModelGrain>(0);
        var model = await models.Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt, K: 4));
        var rule = model.TissueRule!;
        Assert.True(rule.N > 1000);
        Assert.True(rule.HiriUpperTertile > 0 && rule.MisiLowerTertile > 0);
        var view = (await models.Current())!;
        var table = view.Assigned!.RuleByCluster!;
        Assert.Equal(model.K * 5, table.Length);
        Assert.Equal(view.Assigned.PerCluster.Sum(), table.Sum());
        Assert.NotNull(view.RuleAgreement);

        // The export's rule classes, counted by DuckDB, match the tertiles applied to the exported HIRI and MISI.
        var dir = Path.Combine(cohorts.Drop, "export-rule");
        await CohortExport.WriteAsync(cohorts.Derivation.Grains, dir);
        var file = Path.Combine(dir, CohortExport.Visits);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var mismatches = DuckDb.Query($"SELECT count(*) FROM '{file}' WHERE phenotype_cluster IS NOT NULL AND hiri IS NOT NULL AND misi IS NOT NULL AND tissue_ir_rule <> " +
            $"CASE WHEN hiri > {rule.HiriUpperTertile.ToString("R", inv)} AND misi < {rule.MisiLowerTertile.ToString("R", inv)} THEN 'combined-ir' " +
            $"WHEN hiri > {rule.HiriUpperTertile.ToString("R", inv)} THEN 'liver-ir' WHEN misi < {rule.MisiLowerTertile.ToString("R", inv)} THEN 'muscle-ir' ELSE 'no-ir' END");
        Assert.Equal(0L, Convert.ToInt64(mismatches[0][0]));

        // Curve shapes: every visit with a five-point OGTT has one of the four classes; the generator's curves include more than one.
        var shapes = DuckDb.Query($"SELECT ogtt_curve_shape, count(*) FROM '{file}' GROUP BY 1").ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1]));
        Assert.True(shapes.Keys.Count(k => k != CurveShape.Unknown.Code()) >= 2, string.Join(", ", shapes));
        var prevalence = await cohorts.Derivation.Grains.GetGrain<ICohortQueryGrain>(0).Prevalence(
            new CohortQuery(CohortFilter.All, VisitChoice.FirstOgtt, Dimension.Phenotype, 2.5), new Condition(ConditionKind.CurveShape, CurveShape.Monophasic.Code()));
        Assert.NotEmpty(prevalence.Strata);
    }
}
