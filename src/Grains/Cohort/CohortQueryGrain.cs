using Cohort.Contracts.Cohort;
using Cohort.Contracts.Ingest;
using Cohort.Domain.Caveats;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;
using Cohort.Domain.Phases;
using Cohort.Domain.Statistics;
using Cohort.Grains.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cohort.Grains.Cohort;

/// <summary>Map-reduce over the shards: every query goes to all shards at once and the partial results are merged here.</summary>
[StatelessWorker]
public sealed class CohortQueryGrain(IOptions<CohortOptions> options) : Grain, ICohortQueryGrain
{
    public static readonly (string Name, double Q)[] ReportedPercentiles =
        [("p5", 0.05), ("p10", 0.10), ("p25", 0.25), ("p50", 0.50), ("p75", 0.75), ("p90", 0.90), ("p95", 0.95)];

    private const int HistogramBins = 30;

    private IEnumerable<ICohortShardGrain> Shards() =>
        Enumerable.Range(0, options.Value.Shards).Select(i => GrainFactory.GetGrain<ICohortShardGrain>(i));

    public async Task<DistributionResult> Distribution(string metric, VisitSelector visit)
    {
        if (!MetricCatalogue.TryResolve(metric, out var m))
            throw new ArgumentException($"unknown metric '{metric}' (known: {string.Join(", ", MetricCatalogue.All.Select(x => x.Code))})", nameof(metric));
        var index = MetricCatalogue.PositionOf(m);
        var partials = await Task.WhenAll(Shards().Select(s => s.Distribution(index, visit)));

        var sketch = new QuantileSketch();
        long n = 0, missing = 0;
        double sum = 0, sumSq = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var p in partials)
        {
            n += p.N;
            missing += p.Missing;
            sum += p.Sum;
            sumSq += p.SumOfSquares;
            if (p.N > 0) { min = Math.Min(min, p.Min); max = Math.Max(max, p.Max); }
            sketch.Merge(p.SketchOffset, p.SketchCounts, p.NonPositive);
        }
        var percentiles = new Dictionary<string, double>(); // in ReportedPercentiles order (p5 … p95)
        IReadOnlyList<HistogramBin> histogram = [];
        double? mean = null, sd = null;
        if (n > 0)
        {
            mean = sum / n;
            sd = n > 1 ? Math.Sqrt(Math.Max(0, (sumSq - n * mean.Value * mean.Value) / (n - 1))) : null;
            foreach (var (name, q) in ReportedPercentiles) percentiles[name] = sketch.Quantile(q);
            histogram = Histogram(sketch, m.Skewed);
        }
        var caveats = CaveatCatalogue.For(m.Code).Select(c => new CaveatView(c.Id, c.Title, c.Text, c.Source)).ToArray();
        return new DistributionResult(m.Code, m.Name, m.Unit, visit == VisitSelector.Baseline ? "baseline" : "latest", n, missing, mean, sd,
            percentiles, histogram, m.Skewed, caveats);
    }

    /// <summary>
    /// Bins between the 0.5th and 99.5th percentiles (log-spaced for skewed metrics); the first and last bins are open-ended and take
    /// everything beyond, so no participant's extreme value is exposed by a bin edge.
    /// </summary>
    private static IReadOnlyList<HistogramBin> Histogram(QuantileSketch sketch, bool log)
    {
        var lo = sketch.Quantile(0.005);
        var hi = sketch.Quantile(0.995);
        if (!(hi > lo)) return [new HistogramBin(lo, hi, sketch.Count)];
        var useLog = log && lo > 0;
        double Edge(int i) => useLog ? lo * Math.Pow(hi / lo, (double)i / HistogramBins) : lo + (hi - lo) * i / HistogramBins;
        var counts = new long[HistogramBins];
        foreach (var (value, count) in sketch.Buckets())
        {
            var t = useLog ? Math.Log(value / lo) / Math.Log(hi / lo) : (value - lo) / (hi - lo);
            counts[Math.Clamp((int)Math.Floor(t * HistogramBins), 0, HistogramBins - 1)] += count;
        }
        return Enumerable.Range(0, HistogramBins).Select(i => new HistogramBin(Edge(i), Edge(i + 1), counts[i])).ToArray();
    }

    public async Task<CohortOverview> Overview()
    {
        var parts = await Task.WhenAll(Shards().Select(s => s.Overview()));
        var byMarker = new long[MarkerCatalogue.All.Count];
        var byCategory = new long[Enum.GetValues<GlycaemicCategory>().Length];
        var byPhase = new long[Enum.GetValues<Phase>().Length];
        foreach (var p in parts)
        {
            for (var i = 0; i < byMarker.Length; i++) byMarker[i] += p.ObservationsByMarker[i];
            for (var i = 0; i < byCategory.Length; i++) byCategory[i] += p.ParticipantsByCategory[i];
            for (var i = 0; i < byPhase.Length; i++) byPhase[i] += p.ParticipantsByPhase[i];
        }
        var runs = await GrainFactory.GetGrain<IIngestRunsGrain>(0).List();
        var o = options.Value;
        var evaluation = o.Evaluation();
        return new CohortOverview(
            parts.Sum(p => p.Participants), parts.Sum(p => p.Visits), parts.Sum(p => p.Observations),
            MarkerCatalogue.All.Where(d => byMarker[(int)d.Marker] > 0).ToDictionary(d => d.Code, d => byMarker[(int)d.Marker]),
            Enum.GetValues<GlycaemicCategory>().ToDictionary(c => c.Code(), c => byCategory[(int)c]),
            Enum.GetValues<Phase>().ToDictionary(p => p.Code(), p => byPhase[(int)p]),
            runs.Count > 0 ? runs[^1] : null,
            o.Shards,
            new FactorsView(o.GlucoseFactor, o.InsulinFactor, evaluation.RuleSet.Code(), evaluation.PhaseCutoff.Source));
    }

    public Task FlushShards() => Task.WhenAll(Shards().Select(s => s.Flush()));
}
