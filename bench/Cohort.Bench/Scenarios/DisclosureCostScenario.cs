using System.Globalization;
using Cohort.Contracts.Access;
using Cohort.Contracts.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// What the cell key method costs an analyst: every cell of several breakdowns (site; site × sex × age band; site × sex × age band
/// × ethnicity) is queried twice in the silo, as an epidemiologist (exact) and as an analyst (perturbed), for eight metrics; cells
/// are grouped by size near 50, 500 and 5,000 and the error the perturbation adds is reported: median and 95th percentile of the
/// relative error of the mean and the SD, and of the absolute error of the count.
/// </summary>
public static class DisclosureCostScenario
{
    private static readonly string[] Metrics = ["glucose", "insulin", "homa_ir", "hba1c", "bmi", "waist", "triglycerides", "alt"];

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var d = await BenchSilo.DropAsync(o, participantsByDefault: 30_000, visitsByDefault: 1);
        using var host = await BenchSilo.StartIngestedAsync(d, "disclosure-data");
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var query = grains.GetGrain<ICohortQueryGrain>(0);
        var sites = (await query.Distribution(Q(CohortFilter.All, Dimension.Site), "bmi")).Strata.Select(s => s.Stratum).Where(s => s != CohortFilter.Unknown).ToArray();
        var queries = new List<CohortQuery> { Q(CohortFilter.All, Dimension.Site) };
        foreach (var site in sites)
            foreach (var sex in new[] { "F", "M" })
            {
                queries.Add(Q(new CohortFilter(Site: [site], Sex: [sex]), Dimension.AgeBand));
                foreach (var band in CohortFilter.AgeBands) queries.Add(Q(new CohortFilter(Site: [site], Sex: [sex], AgeBand: [band]), Dimension.Ethnicity));
            }
        var errors = new Dictionary<string, (List<double> Mean, List<double> Sd, List<double> N)>();
        foreach (var q in queries)
            foreach (var metric in Metrics)
            {
                AccessContext.SetExact(true);
                var exact = await query.Distribution(q, metric);
                AccessContext.SetExact(false);
                var perturbed = await query.Distribution(q, metric);
                foreach (var (e, p) in exact.Strata.Zip(perturbed.Strata))
                {
                    if (e.N is not { } n || p.N is not { } pn || e.Mean is not { } m || p.Mean is not { } pm || m == 0) continue;
                    var bucket = n switch { >= 35 and < 70 => "≈ 50", >= 350 and < 700 => "≈ 500", >= 3500 and < 7000 => "≈ 5,000", _ => null };
                    if (bucket is null) continue;
                    if (!errors.TryGetValue(bucket, out var list)) errors[bucket] = list = ([], [], []);
                    list.Mean.Add(Math.Abs(pm - m) / Math.Abs(m));
                    if (e.Sd is { } s && p.Sd is { } ps && s > 0) list.Sd.Add(Math.Abs(ps - s) / s);
                    list.N.Add(Math.Abs(pn - n));
                }
            }
        var prevalence = new Dictionary<string, List<double>>();
        foreach (var q in queries)
            foreach (var condition in new[] { new Condition(ConditionKind.Category, "prediabetes"), new Condition(ConditionKind.Phase, "compensated") })
            {
                AccessContext.SetExact(true);
                var exact = await query.Prevalence(q, condition);
                AccessContext.SetExact(false);
                var perturbed = await query.Prevalence(q, condition);
                foreach (var (e, p) in exact.Strata.Zip(perturbed.Strata))
                {
                    if (e.Total is not { } n || e.Proportion is not { } x || p.Proportion is not { } y) continue;
                    var bucket = n switch { >= 35 and < 70 => "≈ 50", >= 350 and < 700 => "≈ 500", >= 3500 and < 7000 => "≈ 5,000", _ => null };
                    if (bucket is null) continue;
                    if (!prevalence.TryGetValue(bucket, out var list)) prevalence[bucket] = list = [];
                    list.Add(Math.Abs(y - x) * 100);
                }
            }
        Console.WriteLine($"disclosure cost on {d.ParticipantCount:N0} participants ({string.Join(", ", Metrics)}), perturbed vs exact, per cell:");
        Console.WriteLine("  cell size | cells | mean: median, p95 relative error | SD: median, p95 | count: median, p95 absolute error");
        foreach (var bucket in new[] { "≈ 50", "≈ 500", "≈ 5,000" })
        {
            if (!errors.TryGetValue(bucket, out var l)) { Console.WriteLine($"  {bucket}: no cells"); continue; }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {bucket,-9} | {l.Mean.Count,5} | {P(l.Mean, 0.5):P2}, {P(l.Mean, 0.95):P2} | {P(l.Sd, 0.5):P2}, {P(l.Sd, 0.95):P2} | {P(l.N, 0.5):0}, {P(l.N, 0.95):0}"));
        }
        Console.WriteLine("  cell size | cells | prevalence (prediabetes, compensated): median, p95 absolute error in percentage points");
        foreach (var bucket in new[] { "≈ 50", "≈ 500", "≈ 5,000" })
            if (prevalence.TryGetValue(bucket, out var l))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bucket,-9} | {l.Count,5} | {P(l, 0.5):0.00}, {P(l, 0.95):0.00}"));
        return 0;
    }

    private static CohortQuery Q(CohortFilter f, Dimension by) => new(f, VisitChoice.Baseline, by, 2.5);

    private static double P(List<double> xs, double q)
    {
        if (xs.Count == 0) return double.NaN;
        var sorted = xs.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }
}
