using System.Diagnostics;
using Cohort.Contracts.Queries;
using Cohort.Domain.Metrics;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// Dashboard query latency as the co-hosted dashboard or a dashboard client sees it: a filtered, stratified HOMA-IR distribution
/// (women aged 40–59 by site) and a cut-off prevalence (HOMA-IR ≥ 2.5 by sex, age-standardised), one after the other and at once,
/// R times after 100 warm-up rounds.
/// </summary>
internal sealed record QueryLatency(List<double> Distributions, List<double> Prevalences, List<double> Sequential, List<double> Parallel,
    StratifiedDistribution Distribution, PrevalenceResult Prevalence, long Participants, int Repeat)
{
    public static async Task<QueryLatency> MeasureAsync(IGrainFactory grains, int repeat)
    {
        var query = grains.GetGrain<ICohortQueryGrain>(0);
        var distribution = new CohortQuery(new CohortFilter(Sex: ["F"], AgeBand: ["40-49", "50-59"]), VisitChoice.Baseline, Dimension.Site, 2.5);
        var prevalence = new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.Sex, 2.5);
        var condition = new Condition(ConditionKind.MetricAtLeast, "homa_ir", MetricCatalogue.PositionOf("homa_ir"), 2.5);
        var (a, b, both, parallel) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        StratifiedDistribution? dist = null;
        PrevalenceResult? prev = null;
        for (var i = 0; i < repeat + 100; i++)
        {
            var clock = Stopwatch.StartNew();
            dist = await query.Distribution(distribution, "homa_ir");
            var t1 = clock.Elapsed.TotalMilliseconds;
            prev = await query.Prevalence(prevalence, condition);
            var t2 = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await Task.WhenAll(query.Distribution(distribution, "homa_ir"), query.Prevalence(prevalence, condition));
            var t3 = clock.Elapsed.TotalMilliseconds;
            if (i < 100) continue;
            a.Add(t1);
            b.Add(t2 - t1);
            both.Add(t2);
            parallel.Add(t3);
        }
        var overview = await query.Overview();
        return new QueryLatency(a, b, both, parallel, dist!, prev!, overview.Participants, repeat);
    }

    public static double P(List<double> xs, double q) => Domain.Statistics.Percentile.OfSorted(xs.Order().ToArray(), q);

    public void Print(string indent = "  ")
    {
        Console.WriteLine($"query latency at {Participants:N0} participants, {Repeat} repetitions after 100 warm-up:");
        Console.WriteLine($"{indent}filtered distribution (women 40-59, HOMA-IR by site): p50 {P(Distributions, 0.5):0.00} ms, p95 {P(Distributions, 0.95):0.00} ms");
        Console.WriteLine($"{indent}cut-off prevalence (HOMA-IR >= 2.5 by sex, age-standardised, weighted): p50 {P(Prevalences, 0.5):0.00} ms, p95 {P(Prevalences, 0.95):0.00} ms");
        Console.WriteLine($"{indent}both, one after the other: p50 {P(Sequential, 0.5):0.00} ms, p95 {P(Sequential, 0.95):0.00} ms");
        Console.WriteLine($"{indent}both at once (as a page asks for them): p50 {P(Parallel, 0.5):0.00} ms, p95 {P(Parallel, 0.95):0.00} ms");
    }
}
