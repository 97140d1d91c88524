using Cohort.Contracts.Audit;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Markers;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Export;
using Cohort.Ingest.Ingestion;

namespace Cohort.Grains.Tests;

/// <summary>
/// A study brings its own markers: declared in a marker file, carried by a wide extract that DuckDB wrote, and then analysed, filtered
/// and exported like Cohort's own; a declaration that would change what stored values mean, or that clashes with Cohort's markers, is
/// refused with its reason and stores nothing.
/// </summary>
public sealed class StudyMarkerTests() : ScratchFolder("study-markers")
{
    private const string StudyFile = """
        [
          { "code": "sspg", "name": "Steady-state plasma glucose (insulin suppression test)", "unit": "mg/dL",
            "units": { "mmol/L": 18.0 }, "reject": [20, 600], "flag": [40, 400], "skewed": true,
            "citation": "Reaven GM, Miller RG. Diabetologia 1979;16:17-24" },
          { "code": "glucose_auc", "name": "Glucose area under the OGTT curve", "unit": "mg/dL.h",
            "reject": [50, 2000], "citation": "trapezoid over 0-120 min, computed by the study" }
        ]
        """;

    /// <summary>200 participants and one visit each, written by DuckDB: sspg, glucose_auc (study markers) and C-peptide (Cohort's).</summary>
    private (string Participants, string Visits, string Mapping) WriteExtract()
    {
        var participants = Path.Combine(Dir, "people.parquet");
        var visits = Path.Combine(Dir, "clamp-visits.parquet");
        DuckDb.Execute($"""
            COPY (SELECT 'S' || lpad(CAST(i AS VARCHAR), 4, '0') AS participant_id, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END AS sex,
                         1950 + i % 30 AS birth_year, 'site-' || (i % 3) AS site
                  FROM range(200) t(i)) TO '{participants}' (FORMAT parquet)
            """);
        DuckDb.Execute($"""
            COPY (SELECT 'S' || lpad(CAST(i AS VARCHAR), 4, '0') AS pid, DATE '2024-03-01' + CAST(i % 20 AS INTEGER) AS visit_date,
                         CAST(80 + (i * 37) % 200 AS DOUBLE) AS sspg, CAST(300 + (i * 53) % 400 AS DECIMAL(8,1)) AS auc,
                         CASE WHEN i % 10 = 0 THEN NULL ELSE round(0.5 + (i % 25) / 10.0, 1) END AS cpep
                  FROM range(200) t(i)) TO '{visits}' (FORMAT parquet, COMPRESSION zstd)
            """);
        var mapping = Path.Combine(Dir, "clamp.mapping.json");
        File.WriteAllText(mapping, """
            { "participant_column": "pid", "date_column": "visit_date",
              "columns": [ { "column": "sspg", "marker": "sspg", "unit": "mg/dL" },
                           { "column": "auc", "marker": "glucose_auc", "unit": "mg/dL.h" },
                           { "column": "cpep", "marker": "c_peptide", "unit": "ng/mL", "fasting": true } ] }
            """);
        return (participants, visits, mapping);
    }

    [Fact]
    public async Task Declared_markers_ingest_from_a_DuckDB_wide_file_and_are_analysed_like_Cohorts_own()
    {
        var (people, file, mapping) = WriteExtract();
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var registry = cluster.Grains.GetGrain<IMarkerRegistryGrain>(0);

        // Before the declaration the extract's markers are unknown: the run fails naming the column, and writes nothing.
        var refused = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(people, [file]) { Layout = FileLayout.Wide, Mapping = mapping });
        Assert.Equal(RunStatus.Failed, refused.Status);
        Assert.Contains("column 'sspg': marker 'sspg' is neither a marker code", refused.Message);

        var declared = await registry.Declare(StudyFile, "clamp-markers.json");
        Assert.Equal(1, declared.Version);
        Assert.Equal(["added 'sspg' (Steady-state plasma glucose (insulin suppression test), mg/dL) as marker 128",
            "added 'glucose_auc' (Glucose area under the OGTT curve, mg/dL.h) as marker 129"], declared.Changes);

        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(people, [file]) { Layout = FileLayout.Wide, Mapping = mapping });
        Assert.True(run.Status == RunStatus.Succeeded, run.Message);
        Assert.Equal(200 + 200 + 180, run.RowsAccepted);

        // Distributions agree with DuckDB's own reading of the file (values are stored as 32-bit floats).
        var query = cluster.Grains.GetGrain<ICohortQueryGrain>(0);
        var all = new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5);
        var expected = DuckDb.Query($"SELECT avg(sspg), avg(auc), avg(cpep) * 331, count(cpep) FROM read_parquet('{file}')")[0];
        var sspg = await query.Distribution(all, "sspg");
        Assert.Equal(200, sspg.Total.N);
        Assert.Equal("mg/dL", sspg.Unit);
        Assert.Equal(Convert.ToDouble(expected[0]), sspg.Total.Mean!.Value, 1e-3);
        var auc = await query.Distribution(all, "glucose_auc");
        Assert.Equal("mg/dL.h", auc.Unit);
        Assert.Equal(Convert.ToDouble(expected[1]), auc.Total.Mean!.Value, 1e-3);
        var cpeptide = await query.Distribution(all, "c_peptide");
        Assert.Equal(Convert.ToInt64(expected[3]), cpeptide.Total.N);
        Assert.Equal(Convert.ToDouble(expected[2]), cpeptide.Total.Mean!.Value, 1e-2);

        // Filters and strata apply as to any metric; a prevalence condition may name a study marker.
        var women = await query.Distribution(all with { Filter = CohortFilter.All with { Sex = ["F"] }, StrataBy = Dimension.Site }, "sspg");
        Assert.Equal(DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{file}') WHERE CAST(substr(pid, 2) AS INTEGER) % 2 = 0"), women.Total.N);
        Assert.Equal(3, women.Strata.Count);
        var high = await query.Prevalence(all, new Condition(ConditionKind.MetricAtLeast, "sspg", 128, 150));
        Assert.Equal(DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{file}') WHERE sspg >= 150"), high.Total.Cases);

        // The overview counts their observations; a participant's series names them with their units.
        var overview = await query.Overview();
        Assert.Equal(200, overview.ObservationsByMarker["sspg"]);
        Assert.Equal(180, overview.ObservationsByMarker["c_peptide"]);
        var person = await cluster.Grains.GetGrain<IParticipantGrain>("S0007").Get();
        var observed = person!.Observations.Single(o => o.Marker == "glucose_auc");
        Assert.Equal(("mg/dL.h", 300 + 7 * 53 % 400.0), (observed.Unit, observed.Value));

        // The export has a column for each, and its data dictionary describes them with their citation.
        var export = Path.Combine(Dir, "export");
        await CohortExport.WriteAsync(cluster.Grains, export);
        var exported = DuckDb.Query($"SELECT avg(sspg), count(glucose_auc) FROM read_parquet('{Path.Combine(export, CohortExport.Visits)}')")[0];
        Assert.Equal(Convert.ToDouble(expected[0]), Convert.ToDouble(exported[0]), 1e-3);
        Assert.Equal(200L, Convert.ToInt64(exported[1]));
        Assert.Contains("sspg,study marker,mg/dL", File.ReadAllText(Path.Combine(export, CohortExport.Dictionary)));

        // A fit on the study's features: its clusters are numbered (the features map to no tissue) and the usual tables use them.
        var models = cluster.Grains.GetGrain<IPhenotypeModelGrain>(0);
        var fit = await models.Fit(new PhenotypeFitRequest(VisitChoice.Baseline, K: 2)
        {
            Features = ["sspg", "glucose_auc", "c_peptide"], Log = ["sspg"], Population = "everyone",
        });
        Assert.Equal("custom", fit.Preset);
        Assert.False(fit.TissueLabelled);
        Assert.Equal([128, 129, Domain.Metrics.MetricCatalogue.PositionOf("c_peptide")], fit.Positions!);
        Assert.Equal(["cluster-1", "cluster-2"], fit.Clusters.Select(c => c.Label));
        Assert.Equal(["none", "none", "none"], fit.Features.Select(f => f.Tissue));
        var table = await query.PhenotypeTable(all);
        Assert.Equal(["unclassified", "cluster-1", "cluster-2"], table.Phenotypes);
        var first = await query.Distribution(all with { Filter = CohortFilter.All with { Phenotype = ["cluster-1"] } }, "sspg");
        var second = await query.Distribution(all with { Filter = CohortFilter.All with { Phenotype = ["cluster-2"] } }, "sspg");
        Assert.Equal(200, first.Total.N + second.Total.N);

        // Saved as a preset, the same features fit again by name.
        await models.SavePreset(new PhenotypePreset("clamp", "clamp study features", ["sspg", "glucose_auc", "c_peptide"], ["sspg"], "everyone"));
        var again = await models.Fit(new PhenotypeFitRequest(VisitChoice.Baseline, K: 2) { Preset = "clamp" });
        Assert.Equal("clamp", again.Preset);
        Assert.Equal(fit.Clusters.Select(c => c.Centroid), again.Clusters.Select(c => c.Centroid));
        var bad = await Assert.ThrowsAsync<ArgumentException>(() => models.Fit(new PhenotypeFitRequest(VisitChoice.Baseline) { Features = ["sspg", "no_such"] }));
        Assert.Contains("'no_such' is not a marker, index or 'age'", bad.Message);
    }

    [Fact]
    public async Task A_declaration_that_would_change_stored_values_or_clashes_is_refused_and_stores_nothing()
    {
        var (people, file, mapping) = WriteExtract();
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var registry = cluster.Grains.GetGrain<IMarkerRegistryGrain>(0);
        await registry.Declare(StudyFile, "clamp-markers.json");
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(people, [file]) { Layout = FileLayout.Wide, Mapping = mapping });
        Assert.Equal(RunStatus.Succeeded, run.Status);

        // sspg now has data: its unit cannot change; its name can.
        var changedUnit = StudyFile.Replace("\"unit\": \"mg/dL\",", "\"unit\": \"mmol/L\",").Replace("\"mmol/L\": 18.0", "\"mg/dL\": { \"divide\": 18.0 }");
        var e = await Assert.ThrowsAsync<MarkerDeclarationException>(() => registry.Declare(changedUnit, "v2.json"));
        Assert.Contains("v2.json: entry 1 ('sspg'): 'sspg' has 200 stored observations", e.Message);
        var renamed = await registry.Declare(StudyFile.Replace("(insulin suppression test)", "(IST, Reaven)"), "v3.json");
        Assert.Equal(2, renamed.Version);
        Assert.Equal(["changed 'sspg' (name, LOINC, citation or skew)"], renamed.Changes);
        Assert.Empty((await registry.Declare(StudyFile.Replace("(insulin suppression test)", "(IST, Reaven)"), "v3.json")).Changes);

        // Every problem of a bad file is named at once, by entry; nothing is declared.
        var bad = """
            [ { "code": "glucose", "name": "my glucose", "unit": "mg/dL", "reject": [1, 2] },
              { "code": "m_value", "name": "M-value", "unit": "mg/kg/mnt", "reject": [0, 30] },
              { "code": "adipo", "name": "Adiponectin again", "unit": "ug/mL", "loinc": ["2345-7"], "reject": [0, 100] },
              { "code": "Bad Code", "unit": "mg/L", "reject": [5, 1] } ]
            """;
        var refused = await Assert.ThrowsAsync<MarkerDeclarationException>(() => registry.Declare(bad, "bad.json"));
        Assert.Contains("bad.json: entry 1 ('glucose'): 'glucose' is Cohort's own marker 'glucose'", refused.Message);
        Assert.Contains("bad.json: entry 2 ('m_value'): unknown unit 'mg/kg/mnt': not a UCUM expression", refused.Message);
        Assert.Contains("bad.json: entry 3 ('adipo'): LOINC code 2345-7 already belongs to marker 'glucose'", refused.Message);
        Assert.Contains("code 'Bad Code' must be", refused.Message);
        Assert.Contains("name is required", refused.Message);
        Assert.Contains("reject: low 5 is not below high 1", refused.Message);
        Assert.Equal(2, (await registry.Current()).Version);
        Assert.Equal([1, 2], (await registry.History()).Select(v => v.Version));

        // Each accepted declaration is in the audit log.
        var audit = await cluster.Grains.GetGrain<IAuditLogGrain>(0).Read(0, 1000);
        Assert.Equal(2, audit.Count(r => r.Action == AuditActions.MarkersDeclare));
    }
}
