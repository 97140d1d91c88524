using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// Dashboard query latency: a filtered, stratified HOMA-IR distribution (women aged 40–59 by site) and a cut-off prevalence (HOMA-IR ≥
/// 2.5 by sex, age-standardised), issued in the silo as the co-hosted dashboard does, R times after 100 warm-up queries; p50 and p95 of each and
/// of the pair. In the same run DuckDB computes the same figures from the raw long Parquet (units normalised in SQL). The ingested
/// store is kept between runs (delete it to start over).
/// </summary>
public static class QueryScenario
{
    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var d = await BenchSilo.DropAsync(o);
        var repeat = int.Parse(o.GetValueOrDefault("repeat", "200"), CultureInfo.InvariantCulture);
        using var host = await BenchSilo.StartIngestedAsync(d, "query-data");
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var m = await QueryLatency.MeasureAsync(grains, repeat);
        m.Print();
        var (dist, prev) = (m.Distribution, m.Prevalence);
        Console.WriteLine($"  cohort: women 40-59 n = {dist.Total.N}, p50 {dist.Total.Percentiles?["p50"]:0.000}; HOMA-IR >= 2.5: {prev.Total.Cases} of {prev.Total.Total}");
        var (duckMs, duckN, duckP50, duckCases, duckTotal) = DuckDb(d.Observations, d.Participants);
        Console.WriteLine($"  duckdb from the raw long Parquet, same figures: median {duckMs:0} ms of 5 (women 40-59 n = {duckN}, p50 {duckP50:0.000}; HOMA-IR >= 2.5: {duckCases} of {duckTotal})");
        return 0;
    }

    private static (double Ms, long N, double P50, long Cases, long Total) DuckDb(string observations, string participants)
    {
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            WITH obs AS (
              SELECT participant_id, CAST(taken_at AS DATE) AS d, marker, coalesce(fasting, ogtt_minute = 0, false) AS fasting,
                     CASE WHEN marker = 'glucose' AND lower(unit) = 'mg/dl' THEN value / 18.0
                          WHEN marker = 'insulin' AND lower(unit) = 'pmol/l' THEN value / 6.0 ELSE value END AS v
              FROM read_parquet('{observations}')
              WHERE marker IN ('glucose', 'insulin', 'insulin_treatment') AND coalesce(ogtt_minute, 0) = 0),
            firstday AS (SELECT participant_id, min(d) AS d FROM obs WHERE marker IN ('glucose', 'insulin') GROUP BY 1),
            -- HOMA-IR as Cohort defines it at the baseline visit: glucose and insulin both fasting (marked so, or an OGTT's minute 0; unknown is
            -- not fasting), the participant not on insulin.
            base AS (SELECT o.participant_id,
                            CASE WHEN bool_and(fasting) FILTER (WHERE marker IN ('glucose', 'insulin'))
                                  AND coalesce(max(v) FILTER (WHERE marker = 'insulin_treatment'), 0) = 0
                                 THEN max(v) FILTER (WHERE marker = 'glucose') * max(v) FILTER (WHERE marker = 'insulin') / 22.5 END AS homa,
                            min(o.d) AS d
                     FROM obs o JOIN firstday f ON o.participant_id = f.participant_id AND o.d = f.d GROUP BY 1),
            p AS (SELECT * FROM read_parquet('{participants}'))
            SELECT
              (SELECT count(homa) FROM base JOIN p USING (participant_id) WHERE p.sex = 'F' AND year(base.d) - p.birth_year BETWEEN 40 AND 59),
              (SELECT quantile_cont(homa, 0.5) FROM base JOIN p USING (participant_id) WHERE p.sex = 'F' AND year(base.d) - p.birth_year BETWEEN 40 AND 59),
              (SELECT count(*) FILTER (WHERE homa >= 2.5) FROM base),
              (SELECT count(homa) FROM base),
              (SELECT list(x) FROM (SELECT site, quantile_cont(homa, [0.05, 0.25, 0.5, 0.75, 0.95]) AS x FROM base JOIN p USING (participant_id)
                 WHERE p.sex = 'F' AND year(base.d) - p.birth_year BETWEEN 40 AND 59 GROUP BY site)),
              (SELECT list(x) FROM (SELECT sex, count(*) FILTER (WHERE homa >= 2.5) AS x FROM base JOIN p USING (participant_id) GROUP BY sex))
            """;
        var times = new List<double>();
        (long, double, long, long) result = default;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            using var r = cmd.ExecuteReader();
            r.Read();
            result = (Convert.ToInt64(r.GetValue(0)), Convert.ToDouble(r.GetValue(1)), Convert.ToInt64(r.GetValue(2)), Convert.ToInt64(r.GetValue(3)));
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (times.Order().ElementAt(2), result.Item1, result.Item2, result.Item3, result.Item4);
    }
}
