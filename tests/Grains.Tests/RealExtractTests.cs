using Cohort.Contracts.Ingest;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Ingestion;

namespace Cohort.Grains.Tests;

/// <summary>
/// A cohort extract written by DuckDB (not by Cohort) with one participant per real-data case: a meal before the sample, no fasting
/// status, a random glucose in the diabetes range, 2-h, 3-h and 0/120 OGTTs, insulin treatment, a recorded diagnosis, anaemia with a
/// high HbA1c, labs and body measurements days apart, weight and height without BMI. Each rule's result is read back through the
/// participant API and the distributions.
/// </summary>
public sealed class RealExtractTests() : ScratchFolder("real")
{
    private (string Participants, string Observations) Write()
    {
        string people = Path.Combine(Dir, "participants.parquet"), obs = Path.Combine(Dir, "observations.parquet");
        DuckDb.Execute($"""
            COPY (SELECT * FROM (VALUES
              ('nonfast', 'M', 1970, false, NULL), ('unknown', 'F', 1970, false, NULL), ('random', 'M', 1960, false, NULL),
              ('ogtt2h', 'F', 1980, false, NULL), ('ogtt3h', 'F', 1980, false, NULL), ('ogtt0120', 'F', 1980, false, NULL),
              ('insulin', 'M', 1950, true, DATE '2015-06-01'), ('diagnosed', 'F', 1955, true, NULL), ('anaemia', 'F', 1975, false, NULL),
              ('window', 'M', 1985, false, NULL), ('bmi', 'M', 1985, NULL, NULL), ('fasting', 'F', 1990, false, NULL))
              AS t(participant_id, sex, birth_year, diabetes_diagnosed, diabetes_diagnosis_date))
            TO '{people}' (FORMAT parquet)
            """);
        static string Ogtt(string id, params (int Minute, double Glucose, double Insulin)[] points) => string.Join(",\n", points.SelectMany(p => new[]
        {
            $"('{id}', TIMESTAMP '2024-03-04 08:00:00' + INTERVAL {p.Minute} MINUTE, 'glucose', {p.Glucose}, 'mmol/L', {p.Minute}, NULL)",
            $"('{id}', TIMESTAMP '2024-03-04 08:00:00' + INTERVAL {p.Minute} MINUTE, 'insulin', {p.Insulin}, 'pmol/L', {p.Minute}, NULL)",
        }));
        (int, double, double)[] twoHours = [(0, 5.0, 60), (30, 8.0, 300), (60, 8.5, 360), (90, 7.0, 300), (120, 6.0, 240)];
        static string Fasting(string id, string day = "2024-03-04") =>
            $"('{id}', TIMESTAMP '{day} 08:00:00', 'glucose', 5.0, 'mmol/L', NULL, true), ('{id}', TIMESTAMP '{day} 08:00:00', 'insulin', 60, 'pmol/L', NULL, true)";
        DuckDb.Execute($"""
            COPY (SELECT participant_id, taken_at, marker, value, unit, CAST(ogtt_minute AS INTEGER) AS ogtt_minute, fasting FROM (VALUES
              ('nonfast', TIMESTAMP '2024-03-04 12:30:00', 'glucose', 8.0, 'mmol/L', NULL, false),
              ('nonfast', TIMESTAMP '2024-03-04 12:30:00', 'insulin', 300, 'pmol/L', NULL, false),
              ('nonfast', TIMESTAMP '2024-03-04 12:30:00', 'triglycerides', 2.5, 'mmol/L', NULL, false),
              ('unknown', TIMESTAMP '2024-03-04 08:00:00', 'glucose', 5.0, 'mmol/L', NULL, NULL),
              ('unknown', TIMESTAMP '2024-03-04 08:00:00', 'insulin', 60, 'pmol/L', NULL, NULL),
              ('random', TIMESTAMP '2024-03-04 15:00:00', 'glucose', 225, 'mg/dL', NULL, false),
              {Ogtt("ogtt2h", twoHours)},
              {Ogtt("ogtt3h", [.. twoHours, (150, 4.5, 120), (180, 4.2, 60)])},
              {Ogtt("ogtt0120", (0, 6.0, 60), (120, 5.0, 200))},
              {Fasting("insulin")}, ('insulin', TIMESTAMP '2024-03-04 08:00:00', 'insulin_treatment', 1, '1', NULL, NULL),
              {Fasting("diagnosed")},
              {Fasting("anaemia")}, ('anaemia', TIMESTAMP '2024-03-04 08:00:00', 'hba1c', 6.8, '%', NULL, NULL),
              ('anaemia', TIMESTAMP '2024-03-04 08:00:00', 'hemoglobin', 10.5, 'g/dL', NULL, NULL),
              {Fasting("window")}, ('window', TIMESTAMP '2024-03-11 10:00:00', 'bmi', 30, 'kg/m2', NULL, NULL),
              {Fasting("bmi")}, ('bmi', TIMESTAMP '2024-03-04 08:00:00', 'weight', 80, 'kg', NULL, NULL),
              ('bmi', TIMESTAMP '2024-03-04 08:00:00', 'height', 175, 'cm', NULL, NULL),
              {Fasting("fasting")}, ('fasting', TIMESTAMP '2024-03-04 08:00:00', 'triglycerides', 1.2, 'mmol/L', NULL, true))
              AS t(participant_id, taken_at, marker, value, unit, ogtt_minute, fasting))
            TO '{obs}' (FORMAT parquet, COMPRESSION zstd)
            """);
        return (people, obs);
    }

    [Fact]
    public async Task Each_case_of_a_real_extract_gives_the_rules_result_through_the_API()
    {
        var (people, obs) = Write();
        await using var cluster = await CohortCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Cohort:SuppressionThreshold"] = "2" });
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(people, [obs]));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(0, run.RowsRejected);

        async Task<VisitView> Visit(string id) => Assert.Single((await cluster.Grains.GetGrain<IParticipantGrain>(id).Get())!.Visits);
        static IndexView Index(VisitView v, string code) => v.Indices.Single(i => i.Code == code);

        var nonFasting = await Visit("nonfast");
        Assert.Null(Index(nonFasting, "homa_ir").Value);
        Assert.Contains("not taken fasting", Index(nonFasting, "homa_ir").UndefinedReason);
        Assert.Contains("not taken fasting", Index(nonFasting, "tyg").UndefinedReason);
        Assert.Equal("unknown", nonFasting.GlycaemicCategory);
        Assert.Contains("glucose_not_fasting", nonFasting.Flags!);

        Assert.Contains("fasting status unknown", Index(await Visit("unknown"), "homa_ir").UndefinedReason);

        var random = await Visit("random");
        Assert.Equal("diabetes", random.GlycaemicCategory);
        Assert.Contains("random glucose", random.GlycaemicLabel);
        Assert.Contains("random_glucose_diabetes", random.Flags!);

        var twoHour = await Visit("ogtt2h");
        var threeHour = await Visit("ogtt3h");
        Assert.Equal(4.6152, Index(twoHour, "matsuda").Value!.Value, 3);
        Assert.Equal(Index(twoHour, "matsuda").Value, Index(threeHour, "matsuda").Value);
        Assert.Contains("ogtt_beyond_120", threeHour.Flags!);
        Assert.Contains("at least 4", Index(await Visit("ogtt0120"), "misi").UndefinedReason);

        var insulin = await Visit("insulin");
        Assert.Contains("exogenous insulin", Index(insulin, "homa_ir").UndefinedReason);
        Assert.Equal("diabetes (diagnosed/treated)", insulin.GlycaemicLabel);
        Assert.Equal("diabetes-range", insulin.Phase);
        var diagnosed = await Visit("diagnosed");
        Assert.Equal("diabetes", diagnosed.GlycaemicCategory);
        Assert.Contains("diagnosed_diabetes", diagnosed.Flags!);

        var anaemia = await Visit("anaemia");
        Assert.Equal("normal", anaemia.GlycaemicCategory);
        Assert.Contains("hba1c_unreliable_anaemia", anaemia.Flags!);
        Assert.Contains(anaemia.Notes!, n => n.Contains("anaemia"));

        var window = await Visit("window");
        Assert.Contains("spans_days", window.Flags!);
        Assert.Equal(new DateOnly(2024, 3, 11), window.LastDate);
        var bmi = await Visit("bmi");
        Assert.Contains("bmi_derived", bmi.Flags!);

        // Distributions: baseline HOMA-IR is defined for the 8 participants with fasting (or minute-0) glucose and insulin and no insulin
        // treatment: ogtt2h, ogtt3h, ogtt0120, diagnosed, anaemia, window, bmi, fasting. The other four are missing, not wrong values.
        var query = new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5);
        var homa = await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Distribution(query, "homa_ir");
        Assert.Equal(8, homa.Total.N);
        Assert.Equal(4, homa.Total.Missing);
        // Fasting glucose: the non-fasting, unknown and random samples are not fasting values (9 remain: the 8 above and insulin).
        Assert.Equal(9, (await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Distribution(query, "glucose")).Total.N);
        var overview = await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview();
        Assert.Null(overview.BaselineFlags!["insulin_treatment"]); // one participant: below the threshold of 2, so withheld
        Assert.Equal(2L, overview.BaselineFlags["diagnosed_diabetes"]); // diagnosed, and insulin (diagnosed in 2015)
        Assert.Equal(2L, overview.BaselineFlags["glucose_not_fasting"]); // nonfast and random
    }

    [Fact]
    public async Task A_declared_fasting_default_makes_unmarked_samples_fasting()
    {
        var (people, obs) = Write();
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(people, [obs]) { FastingDefault = "true" });
        Assert.Equal(RunStatus.Succeeded, run.Status);
        var unknown = Assert.Single((await cluster.Grains.GetGrain<IParticipantGrain>("unknown").Get())!.Visits);
        Assert.Equal(2.2222, unknown.Indices.Single(i => i.Code == "homa_ir").Value!.Value, 3);
        // A sample marked not fasting stays not fasting whatever the default.
        var nonFasting = Assert.Single((await cluster.Grains.GetGrain<IParticipantGrain>("nonfast").Get())!.Visits);
        Assert.Null(nonFasting.Indices.Single(i => i.Code == "homa_ir").Value);
        // A default that is not true, false or unknown is refused before anything is read.
        var bad = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(people, [obs]) { FastingDefault = "maybe", Force = true });
        Assert.Equal(RunStatus.Failed, bad.Status);
        Assert.Contains("maybe", bad.Message);
    }
}
