using Cohort.Contracts.Queries;
using Cohort.Domain.Metrics;
using Cohort.Ingest.Ingestion;

namespace Cohort.Grains.Tests;

/// <summary>
/// A survey extract written by DuckDB with survey_weight, survey_strata and survey_psu (R survey's 20-row example, 2 strata × 2 PSUs):
/// weighted prevalence becomes design-based, with R's svymean estimate and svyciprop(method = "beta") interval
/// (tests/Domain.Tests/reference/survey-golden.R), the NCHS verdict, and a domain (one sex) that keeps every PSU of the design.
/// </summary>
public sealed class SurveyDesignTests() : ScratchFolder("design")
{
    // id, stratum, psu, weight, y (case), agegrp (A 20–39, B 40+): as in the R script.
    private const string Rows = """
        (1,1,1,1000,1,'A'),(2,1,1,1200,0,'A'),(3,1,1,800,0,'B'),(4,1,1,1500,1,'B'),(5,1,1,900,0,'B'),
        (6,1,2,1100,0,'A'),(7,1,2,1300,0,'A'),(8,1,2,700,1,'B'),(9,1,2,1000,0,'B'),(10,1,2,1600,0,'B'),
        (11,2,1,2000,1,'A'),(12,2,1,1800,1,'A'),(13,2,1,2200,0,'B'),(14,2,1,1700,0,'B'),(15,2,1,2500,1,'B'),
        (16,2,2,1900,0,'A'),(17,2,2,2100,1,'A'),(18,2,2,1600,0,'B'),(19,2,2,2400,0,'B'),(20,2,2,2300,0,'B')
        """;

    [Fact]
    public async Task Weighted_prevalence_with_strata_and_psus_is_design_based_as_r_survey_computes_it()
    {
        string people = Path.Combine(Dir, "participants.parquet"), obs = Path.Combine(Dir, "observations.parquet");
        DuckDb.Execute($"""
            COPY (SELECT 'S' || lpad(id::VARCHAR, 2, '0') AS participant_id, CASE WHEN agegrp = 'B' THEN 'F' ELSE 'M' END AS sex,
                         CASE WHEN agegrp = 'A' THEN 1994 ELSE 1974 END AS birth_year, w::DOUBLE AS survey_weight,
                         'stratum ' || stratum AS survey_strata, psu::VARCHAR AS survey_psu
                  FROM (VALUES {Rows}) t(id, stratum, psu, w, y, agegrp))
            TO '{people}' (FORMAT parquet)
            """);
        DuckDb.Execute($"""
            COPY (SELECT 'S' || lpad(id::VARCHAR, 2, '0') AS participant_id, TIMESTAMP '2024-05-06 08:00:00' AS taken_at, 'bmi' AS marker,
                         CASE WHEN y = 1 THEN 32.0 ELSE 24.0 END AS value, 'kg/m2' AS unit, CAST(NULL AS INTEGER) AS ogtt_minute, CAST(NULL AS BOOLEAN) AS fasting
                  FROM (VALUES {Rows}) t(id, stratum, psu, w, y, agegrp))
            TO '{obs}' (FORMAT parquet)
            """);
        await using var cluster = await CohortCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Cohort:SuppressionThreshold"] = "2" });
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(people, [obs]));
        Assert.Equal(0, run.RowsRejected);
        var query = cluster.Grains.GetGrain<ICohortQueryGrain>(0);
        var obese = new Condition(ConditionKind.MetricAtLeast, "bmi", MetricCatalogue.PositionOf("bmi"), 30);

        var all = (await query.Prevalence(new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5), obese)).Total.Weighted!;
        Assert.Equal(0.367088607595, all.Proportion!.Value, 1e-9);
        Assert.Equal(0.147069479883, all.StandardError!.Value, 1e-9);
        Assert.Equal(2, all.DegreesOfFreedom);
        Assert.Equal(0.00727781433235, all.Lower!.Value, 1e-9);
        Assert.Equal(0.941426421229, all.Upper!.Value, 1e-9);
        Assert.StartsWith("design-based: Taylor linearisation over 2 strata and 4 PSUs, 2 df; Korn–Graubard", all.Method);
        Assert.False(all.Reliable);
        Assert.Contains("below 30", all.Unreliable);

        // Women are agegrp B here: a domain, every PSU kept (R: subset(des, agegrp == "B")).
        var women = (await query.Prevalence(new CohortQuery(new CohortFilter(Sex: ["F"]), VisitChoice.Baseline, Dimension.None, 2.5), obese)).Total.Weighted!;
        Assert.Equal(0.244791666667, women.Proportion!.Value, 1e-9);
        Assert.Equal(0.135896278997, women.StandardError!.Value, 1e-9);
        Assert.Equal(0.000958247320687, women.Lower!.Value, 1e-9);
        Assert.Equal(0.892383444293, women.Upper!.Value, 1e-9);
    }
}
