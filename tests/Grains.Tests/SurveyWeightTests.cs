using Cohort.Contracts.Queries;
using Cohort.Domain.Metrics;
using Cohort.Ingest.Ingestion;

namespace Cohort.Grains.Tests;

/// <summary>
/// A survey extract written by DuckDB with an examination weight for everyone and a fasting-subsample weight for two in three (as
/// NHANES has WTMEC2YR and WTSAF2YR): prevalence that rests on fasting glucose is weighted with the fasting-subsample weight over
/// the subsample, prevalence of an exam measure (BMI) with the examination weight over everyone, and each result names its weight.
/// </summary>
public sealed class SurveyWeightTests() : ScratchFolder("weights")
{
    private static double Exam(int i) => 1000 + 100 * i;
    private static double? Fasting(int i) => i % 3 == 0 ? null : 2000 + 50 * i;
    private static bool Diabetic(int i) => i <= 4;
    private static bool Obese(int i) => i % 2 == 0;

    [Fact]
    public async Task Fasting_analytes_take_the_fasting_subsample_weight_and_exam_measures_the_examination_weight()
    {
        string people = Path.Combine(Dir, "participants.parquet"), obs = Path.Combine(Dir, "observations.parquet");
        DuckDb.Execute($"""
            COPY (SELECT 'W' || lpad(i::VARCHAR, 2, '0') AS participant_id, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END AS sex, 1970 AS birth_year,
                         1000.0 + 100 * i AS survey_weight, CASE WHEN i % 3 = 0 THEN NULL ELSE 2000.0 + 50 * i END AS survey_weight_fasting
                  FROM range(1, 13) t(i))
            TO '{people}' (FORMAT parquet)
            """);
        DuckDb.Execute($"""
            COPY (SELECT 'W' || lpad(i::VARCHAR, 2, '0') AS participant_id, TIMESTAMP '2024-05-06 08:00:00' AS taken_at, m.marker,
                         CASE m.marker WHEN 'glucose' THEN (CASE WHEN i <= 4 THEN 7.5 ELSE 5.0 END)
                                       ELSE (CASE WHEN i % 2 = 0 THEN 32.0 ELSE 24.0 END) END AS value,
                         CASE m.marker WHEN 'glucose' THEN 'mmol/L' ELSE 'kg/m2' END AS unit, CAST(NULL AS INTEGER) AS ogtt_minute,
                         CASE m.marker WHEN 'glucose' THEN true ELSE NULL END AS fasting
                  FROM range(1, 13) t(i), (VALUES ('glucose'), ('bmi')) m(marker))
            TO '{obs}' (FORMAT parquet)
            """);
        await using var cluster = await CohortCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Cohort:SuppressionThreshold"] = "2" });
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(people, [obs]));
        Assert.Equal(0, run.RowsRejected);
        var query = cluster.Grains.GetGrain<ICohortQueryGrain>(0);
        var all = new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5);
        var people12 = Enumerable.Range(1, 12).ToArray();

        var diabetes = await query.Prevalence(all, new Condition(ConditionKind.Category, "diabetes"));
        Assert.Equal("fasting subsample", diabetes.Weight);
        var subsample = people12.Where(i => Fasting(i) is not null).ToArray();
        var expected = subsample.Where(Diabetic).Sum(i => Fasting(i)!.Value) / subsample.Sum(i => Fasting(i)!.Value);
        Assert.Equal(expected, diabetes.Total.Weighted!.Proportion!.Value, 1e-12);
        Assert.Equal(subsample.Length, diabetes.Total.Weighted.WithWeight);
        Assert.Equal(4.0 / 12, diabetes.Total.Proportion!.Value, 1e-12);   // the crude proportion counts everyone

        var obese = await query.Prevalence(all, new Condition(ConditionKind.MetricAtLeast, "bmi", MetricCatalogue.PositionOf("bmi"), 30));
        Assert.Equal("examination", obese.Weight);
        Assert.Equal(people12.Where(Obese).Sum(Exam) / people12.Sum(Exam), obese.Total.Weighted!.Proportion!.Value, 1e-12);
        Assert.Equal(12, obese.Total.Weighted.WithWeight);
    }
}
