using System.Globalization;
using System.Text;
using Cohort.Contracts.Queries;

namespace Cohort.Dashboard.Rendering;

/// <summary>Draws a histogram as inline SVG, server-side: bars with a text alternative each, axes with labelled ticks.</summary>
internal static class HistogramSvg
{
    /// <summary>
    /// Bars for released bins; a suppressed bin is drawn as a dashed outline the height of the threshold and labelled "&lt;threshold",
    /// never as a number. <paramref name="marks"/> draws vertical lines at values (e.g. cut-offs), each labelled.
    /// </summary>
    public static string Render(string name, string unit, string visit, bool logBins, IReadOnlyList<ReleasedBin> bins, int threshold,
        IReadOnlyList<(double Value, string Label)>? marks = null)
    {
        const int width = 640, height = 320, left = 60, bottom = 50, top = 20, right = 20;
        if (bins.Count == 0) return "<p class=\"note\">No values to draw.</p>";
        var max = Math.Max(threshold, bins.Max(b => b.Count ?? 0));
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var barW = (double)plotW / bins.Count;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""<svg role="img" aria-labelledby="hist-title hist-desc" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">""");
        sb.Append($"""<title id="hist-title">Histogram of {Html.E(name)} ({Html.E(unit)}), {Html.E(visit)} visit</title>""");
        sb.Append($"""<desc id="hist-desc">{bins.Count} bins{(logBins ? " on a logarithmic scale" : "")}; the numbers are in the table beside the chart; bins with fewer than {threshold} participants are suppressed.</desc>""");
        for (var i = 0; i < bins.Count; i++)
        {
            var b = bins[i];
            var h = plotH * (double)(b.Count ?? threshold) / max;
            var x = left + i * barW;
            var y = top + plotH - h;
            sb.Append(b.Count is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"""<rect x="{x:0.##}" y="{y:0.##}" width="{Math.Max(barW - 1, 1):0.##}" height="{h:0.##}" fill="#0072B2" stroke="#1a1a1a" stroke-width="0.5"><title>{Html.N(b.From)}–{Html.N(b.To)}: {Html.N(c)}</title></rect>""")
                : string.Create(CultureInfo.InvariantCulture, $"""<rect x="{x:0.##}" y="{y:0.##}" width="{Math.Max(barW - 1, 1):0.##}" height="{h:0.##}" fill="none" stroke="#1a1a1a" stroke-dasharray="3 2" stroke-width="0.8"><title>{Html.N(b.From)}–{Html.N(b.To)}: &lt;{threshold} (suppressed)</title></rect>"""));
        }
        var (lo, hi) = (bins[0].From, bins[^1].To);
        foreach (var (value, label) in marks ?? [])
        {
            if (!(value > lo && value < hi)) continue;
            var t = logBins && lo > 0 ? Math.Log(value / lo) / Math.Log(hi / lo) : (value - lo) / (hi - lo);
            var x = left + t * plotW;
            sb.Append(CultureInfo.InvariantCulture,
                $"""<line x1="{x:0.##}" y1="{top}" x2="{x:0.##}" y2="{top + plotH}" stroke="#D55E00" stroke-width="1.5" stroke-dasharray="6 3"><title>{Html.E(label)}: {Html.N(value)}</title></line>""");
        }
        sb.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" y1="{top + plotH}" x2="{width - right}" y2="{top + plotH}" stroke="#1a1a1a"/>""");
        sb.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plotH}" stroke="#1a1a1a"/>""");
        for (var t = 0; t <= 4; t++)
        {
            var value = max * t / 4.0;
            var y = top + plotH - plotH * t / 4.0;
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{left - 6}" y="{y + 4:0.#}" text-anchor="end">{value:N0}</text>""");
        }
        foreach (var i in new[] { 0, bins.Count / 2, bins.Count - 1 })
        {
            var x = left + i * barW;
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{x:0.#}" y="{top + plotH + 16}" text-anchor="start">{Html.N(bins[i].From, "0.##")}</text>""");
        }
        sb.Append(CultureInfo.InvariantCulture, $"""<text x="{left + plotW / 2}" y="{height - 8}" text-anchor="middle">{Html.E(name)} ({Html.E(unit)}){(logBins ? ", log-spaced bins" : "")}</text>""");
        sb.Append(CultureInfo.InvariantCulture, $"""<text x="14" y="{top + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 {top + plotH / 2})">participants</text>""");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
