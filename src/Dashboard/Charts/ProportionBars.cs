using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using static Cohort.Dashboard.Rendering.Format;

namespace Cohort.Dashboard.Charts;

/// <summary>Horizontal bars of proportions with their confidence intervals as whiskers, as inline SVG; a suppressed bar reads "suppressed".</summary>
public sealed class ProportionBars : ComponentBase
{
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<(string Label, double? P, double? Lower, double? Upper)> Rows { get; set; } = [];

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        const int width = 640, left = 180, right = 60, rowH = 26, top = 10;
        var height = top * 2 + Rows.Count * rowH + 20;
        var plotW = width - left - right;
        var svg = new SvgWriter(builder);
        svg.Open("svg", ("role", "img"), ("aria-label", $"{Title}; the numbers are in the table"), ("viewBox", $"0 0 {width} {height}"), ("width", width),
            ("height", height), ("xmlns", "http://www.w3.org/2000/svg"));
        for (var i = 0; i < Rows.Count; i++)
        {
            var (label, p, lo, hi) = Rows[i];
            var y = top + i * rowH;
            svg.Element("text", label, ("x", left - 8), ("y", y + 17), ("text-anchor", "end"));
            if (p is not { } v)
            {
                svg.Element("text", "suppressed", ("x", left + 4), ("y", y + 17));
                continue;
            }
            svg.Titled("rect", $"{label}: {P(v, lo, hi)}", ("x", left), ("y", y + 4), ("width", plotW * v), ("height", rowH - 10), ("fill", "#009E73"),
                ("stroke", "#1a1a1a"), ("stroke-width", "0.5"));
            if (lo is { } l && hi is { } h)
                svg.Element("line", null, ("x1", left + plotW * l), ("y1", y + rowH / 2), ("x2", left + plotW * h), ("y2", y + rowH / 2), ("stroke", "#1a1a1a"), ("stroke-width", "1.5"));
            svg.Element("text", P(v), ("x", left + plotW * (hi ?? v) + 6), ("y", y + 17));
        }
        svg.Element("line", null, ("x1", left), ("y1", top), ("x2", left), ("y2", top + Rows.Count * rowH), ("stroke", "#1a1a1a"));
        svg.Close();
    }
}
