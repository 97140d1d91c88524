using System.Globalization;
using Cohort.Contracts.Outcomes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Cohort.Dashboard.Charts;

/// <summary>
/// Cumulative incidence (%) against years of follow-up, one line per stratum (colour-blind-safe palette, each line also named at its
/// end), as inline SVG; the numbers are in the table beside it. Lines join the years that are shown, with a dot at each: a year withheld
/// for disclosure is bridged, not drawn as no events.
/// </summary>
public sealed class IncidenceCurves : ComponentBase
{
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<OutcomeRow> Rows { get; set; } = [];

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        const int width = 640, height = 320, left = 56, right = 170, top = 14, bottom = 44;
        var (plotW, plotH) = (width - left - right, height - top - bottom);
        var drawn = Rows.Where(r => r.Curve.Count > 0).ToArray();
        var years = Math.Max(1, drawn.SelectMany(r => r.Curve).Select(p => p.Year).DefaultIfEmpty(1).Max());
        var highest = drawn.SelectMany(r => r.Curve).Select(p => p.Percent).DefaultIfEmpty(0).Max();
        var yMax = Ticks.Nice(Math.Max(1, highest));
        double X(double year) => left + plotW * year / years;
        double Y(double pct) => top + plotH * (1 - pct / yMax);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new SvgWriter(builder);
        svg.Open("svg", ("role", "img"), ("aria-label", $"{Title}; the numbers are in the table"), ("viewBox", $"0 0 {width} {height}"),
            ("width", width), ("height", height), ("xmlns", "http://www.w3.org/2000/svg"));
        foreach (var t in Ticks.Steps(yMax))
        {
            svg.Element("line", null, ("x1", left), ("y1", Y(t)), ("x2", left + plotW), ("y2", Y(t)), ("stroke", "#d0d0d0"));
            svg.Element("text", $"{F(t)}%", ("x", left - 6), ("y", Y(t) + 4), ("text-anchor", "end"));
        }
        for (var y = 0; y <= years; y++)
            svg.Element("text", y.ToString(CultureInfo.InvariantCulture), ("x", X(y)), ("y", top + plotH + 16), ("text-anchor", "middle"));
        svg.Element("text", "years since baseline", ("x", left + plotW / 2), ("y", height - 8), ("text-anchor", "middle"));
        svg.Element("line", null, ("x1", left), ("y1", top + plotH), ("x2", left + plotW), ("y2", top + plotH), ("stroke", "#1a1a1a"));
        for (var i = 0; i < drawn.Length; i++)
        {
            var colour = Palette[i % Palette.Length];
            var points = new List<string> { $"{F(X(0))},{F(Y(0))}" };
            var previous = 0.0;
            foreach (var p in drawn[i].Curve)
            {
                points.Add($"{F(X(p.Year))},{F(Y(p.Percent))}");
                previous = p.Percent;
            }
            var lastYear = drawn[i].Curve[^1].Year;
            foreach (var p in drawn[i].Curve)
                svg.Titled("circle", $"{drawn[i].Stratum}, year {p.Year}: {F(p.Percent)}%", ("cx", X(p.Year)), ("cy", Y(p.Percent)), ("r", 3.5), ("fill", colour));
            svg.Titled("polyline", $"{drawn[i].Stratum}: {F(previous)}% by year {lastYear}", ("points", string.Join(' ', points)), ("fill", "none"),
                ("stroke", colour), ("stroke-width", "2.5"));
            svg.Element("text", drawn[i].Stratum, ("x", X(lastYear) + 6), ("y", Y(previous) + 4 + 12 * (i % 2)), ("fill", colour == "#F0E442" ? "#1a1a1a" : colour));
        }
        svg.Close();
    }
}
