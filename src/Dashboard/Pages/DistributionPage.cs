using Cohort.Contracts.Queries;
using Cohort.Dashboard.Rendering;
using Cohort.Domain.Metrics;
using static Cohort.Dashboard.Rendering.Html;

namespace Cohort.Dashboard.Pages;

/// <summary>The distribution of one marker or index under filters and strata: histogram, its numbers in tables, a CSV download, caveats.</summary>
internal static class DistributionPage
{
    public static string Render(StratifiedDistribution d, string query)
    {
        var t = d.Provenance.SuppressionThreshold;
        var options = string.Concat(MetricCatalogue.All.Select(m =>
            $"<option value=\"{E(m.Code)}\"{(m.Code == d.Metric ? " selected" : "")}>{E(m.Name)}</option>"));
        var total = d.Total;
        var summary = Table("Summary", ["statistic", "value"],
        [
            ["n", $"<span id=\"n\">{C(total.N, t)}</span>"],
            ["missing", C(total.Missing, t)],
            ["mean", N(total.Mean)],
            ["SD", N(total.Sd)],
            .. (total.Percentiles ?? new Dictionary<string, double>()).Select(kv => new[] { E(kv.Key), $"<span id=\"{E(kv.Key)}\">{N(kv.Value)}</span>" }),
        ], "summary");
        var strata = d.Strata.Count == 0 ? "" : Table($"By {d.StrataBy}", ["stratum", "n", "mean", "SD", "p5", "p25", "p50", "p75", "p95"],
            d.Strata.Select(s => new[]
            {
                E(s.Stratum), C(s.N, t), N(s.Mean), N(s.Sd),
                N(s.Percentiles?.GetValueOrDefault("p5")), N(s.Percentiles?.GetValueOrDefault("p25")), N(s.Percentiles?.GetValueOrDefault("p50")),
                N(s.Percentiles?.GetValueOrDefault("p75")), N(s.Percentiles?.GetValueOrDefault("p95")),
            }), "strata");
        var histogram = total.Histogram ?? [];
        var bins = Table("Histogram bins", ["from", "to", "participants"],
            histogram.Select((b, i) => new[] { (i == 0 ? "≤ " : "") + N(b.From), (i == histogram.Count - 1 ? "≥ " : "") + N(b.To), C(b.Count, t) }), "bins");
        var caveatHeading = d.Metric == "homa_ir" ? "HOMA-IR cut-offs are not universal" : $"When {d.Name} can mislead";
        var body = $"""
            <form class="controls" method="get" action="/distribution">
            <label for="metric">Marker or index <select id="metric" name="metric">{options}</select></label>
            {Controls.Filters(d.Visit, d.StrataBy)}
            <button type="submit">Show</button>
            </form>
            <p>{E(d.Name)} in {E(d.Unit)} at the {E(d.Visit)} visit of each participant. Percentiles are merged across cohort shards with a
            sketch accurate to 0.5%; the first and last histogram bins are open-ended. Counts below {t} are suppressed.</p>
            {Controls.Disclosure(d.Disclosure)}
            {CaveatBox.Render(caveatHeading, d.Caveats)}
            <div class="chart-and-table">
            <figure>{HistogramSvg.Render(d.Name, d.Unit, d.Visit, d.LogBins, histogram, t)}<figcaption>Histogram of {E(d.Name)}; numbers in the tables.</figcaption></figure>
            <div>{summary}</div>
            </div>
            {strata}
            {bins}
            {Controls.Provenance(d.Provenance)}
            <p><a class="download" href="/distribution.csv?{E(query)}" download>Download these numbers (CSV)</a>
            · <a class="download" href="/api/distribution?{E(query)}">JSON</a></p>
            """;
        return Page($"Distribution: {d.Name}", "/distribution", body);
    }
}
