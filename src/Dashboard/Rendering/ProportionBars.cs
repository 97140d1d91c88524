using System.Globalization;
using System.Text;

namespace Cohort.Dashboard.Rendering;

/// <summary>Horizontal bars of proportions with their confidence intervals as whiskers, as inline SVG; a suppressed bar reads "suppressed".</summary>
internal static class ProportionBars
{
    public static string Render(string title, IReadOnlyList<(string Label, double? P, double? Lower, double? Upper)> rows)
    {
        const int width = 640, left = 180, right = 60, rowH = 26, top = 10;
        var height = top * 2 + rows.Count * rowH + 20;
        var plotW = width - left - right;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""<svg role="img" aria-label="{Html.E(title)}; the numbers are in the table" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">""");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, p, lo, hi) = rows[i];
            var y = top + i * rowH;
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{left - 8}" y="{y + 17}" text-anchor="end">{Html.E(label)}</text>""");
            if (p is not { } v)
            {
                sb.Append(CultureInfo.InvariantCulture, $"""<text x="{left + 4}" y="{y + 17}">suppressed</text>""");
                continue;
            }
            sb.Append(CultureInfo.InvariantCulture, $"""<rect x="{left}" y="{y + 4}" width="{plotW * v:0.##}" height="{rowH - 10}" fill="#009E73" stroke="#1a1a1a" stroke-width="0.5"><title>{Html.E(label)}: {Html.P(v)} ({Html.P(lo)}–{Html.P(hi)})</title></rect>""");
            if (lo is { } l && hi is { } h)
                sb.Append(CultureInfo.InvariantCulture, $"""<line x1="{left + plotW * l:0.##}" y1="{y + rowH / 2}" x2="{left + plotW * h:0.##}" y2="{y + rowH / 2}" stroke="#1a1a1a" stroke-width="1.5"/>""");
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{left + plotW * (hi ?? v) + 6:0.##}" y="{y + 17}">{Html.P(v)}</text>""");
        }
        sb.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" y1="{top}" x2="{left}" y2="{top + rows.Count * rowH}" stroke="#1a1a1a"/>""");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
