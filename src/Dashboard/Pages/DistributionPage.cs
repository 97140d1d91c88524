using Cohort.Contracts.Cohort;
using Cohort.Dashboard.Rendering;
using Cohort.Domain.Metrics;
using static Cohort.Dashboard.Rendering.Html;

namespace Cohort.Dashboard.Pages;

/// <summary>The distribution of one marker or index: histogram, its numbers in a table, a CSV download, and the caveats.</summary>
internal static class DistributionPage
{
    public static string Render(DistributionResult d)
    {
        var options = string.Concat(MetricCatalogue.All.Select(m =>
            $"<option value=\"{E(m.Code)}\"{(m.Code == d.Metric ? " selected" : "")}>{E(m.Name)}</option>"));
        var visits = string.Concat(new[] { "baseline", "latest" }.Select(v => $"<option value=\"{v}\"{(v == d.Visit ? " selected" : "")}>{v}</option>"));
        var summary = Table("Summary", ["statistic", "value"],
        [
            ["n", $"<span id=\"n\">{N(d.N)}</span>"],
            ["missing", N(d.Missing)],
            ["mean", N(d.Mean)],
            ["SD", N(d.Sd)],
            .. d.Percentiles.Select(kv => new[] { E(kv.Key), $"<span id=\"{E(kv.Key)}\">{N(kv.Value)}</span>" }),
        ], "summary");
        var bins = Table("Histogram bins", ["from", "to", "participants"],
            d.Histogram.Select((b, i) => new[] { (i == 0 ? "≤ " : "") + N(b.From), (i == d.Histogram.Count - 1 ? "≥ " : "") + N(b.To), N(b.Count) }), "bins");
        var caveatHeading = d.Metric == "homa_ir" ? "HOMA-IR cut-offs are not universal" : $"When {d.Name} can mislead";
        var body = $"""
            <form class="controls" method="get" action="/distribution">
            <label for="metric">Marker or index <select id="metric" name="metric">{options}</select></label>
            <label for="visit">Visit <select id="visit" name="visit">{visits}</select></label>
            <button type="submit">Show</button>
            </form>
            <p>{E(d.Name)} in {E(d.Unit)} at the {E(d.Visit)} visit of each participant. Percentiles are merged across cohort shards with a
            sketch accurate to 0.5%; the first and last histogram bins are open-ended.</p>
            {CaveatBox.Render(caveatHeading, d.Caveats)}
            <div class="chart-and-table">
            <figure>{HistogramSvg.Render(d)}<figcaption>Histogram of {E(d.Name)}; numbers in the tables.</figcaption></figure>
            <div>{summary}</div>
            </div>
            {bins}
            <p><a class="download" href="/distribution.csv?metric={E(d.Metric)}&amp;visit={E(d.Visit)}" download>Download these numbers (CSV)</a>
            · <a class="download" href="/api/distribution?metric={E(d.Metric)}&amp;visit={E(d.Visit)}">JSON</a></p>
            """;
        return Page($"Distribution: {d.Name}", "/distribution", body);
    }
}
