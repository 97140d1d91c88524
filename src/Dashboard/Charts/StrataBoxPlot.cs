using Cohort.Contracts.Queries;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using static Cohort.Dashboard.Rendering.Format;

namespace Cohort.Dashboard.Charts;

/// <summary>
/// A metric's distribution in each stratum, one row per stratum on a shared axis drawn from the released percentiles only: a line from
/// the 5th to the 95th percentile, a box from the 25th to the 75th, a bar at the median (the whole cohort first, in grey, for
/// reference). A logarithmic axis for skewed metrics; a stratum whose percentiles are withheld says so.
/// </summary>
public sealed class StrataBoxPlot : ComponentBase
{
    [Parameter, EditorRequired] public string Name { get; set; } = "";
    [Parameter, EditorRequired] public string Unit { get; set; } = "";
    [Parameter, EditorRequired] public string By { get; set; } = "";
    [Parameter] public bool Log { get; set; }
    [Parameter, EditorRequired] public StratumDistribution Total { get; set; } = null!;
    [Parameter, EditorRequired] public IReadOnlyList<StratumDistribution> Strata { get; set; } = [];

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        const int width = 640, labelW = 150, right = 20, top = 8, rowH = 26, axisH = 42;
        var rows = Strata.Prepend(Total).ToArray();
        var height = top + rows.Length * rowH + axisH;
        var plotW = width - labelW - right;
        var values = rows.SelectMany(r => new[] { r.Percentile("p5"), r.Percentile("p95") }).OfType<double>().Where(double.IsFinite).ToArray();
        var svg = new SvgWriter(builder);
        if (values.Length == 0)
        {
            svg.Element("p", "Every stratum's percentiles are withheld: too few participants.", ("class", "note"));
            return;
        }
        var log = Log && values.Min() > 0;
        var (lo, hi) = (values.Min(), values.Max());
        if (!(hi > lo)) (lo, hi) = (lo - 1, hi + 1);
        double X(double v) => labelW + plotW * Math.Clamp(log ? Math.Log(v / lo) / Math.Log(hi / lo) : (v - lo) / (hi - lo), 0, 1);
        var unit = UnitSuffix(Unit);
        svg.Open("svg", ("role", "img"), ("aria-label", $"{Name}{unit} by {By}: 5th, 25th, 50th, 75th and 95th percentiles of each stratum; the numbers are in the table"),
            ("viewBox", $"0 0 {width} {height}"), ("width", width), ("height", height), ("xmlns", "http://www.w3.org/2000/svg"));
        var plotBottom = top + rows.Length * rowH;
        foreach (var t in Ticks.Axis(lo, hi, log))
        {
            svg.Element("line", null, ("x1", X(t)), ("y1", top), ("x2", X(t)), ("y2", plotBottom), ("stroke", "#d0d0d0"));
            svg.Element("text", N(t, "0.###"), ("x", X(t)), ("y", plotBottom + 16), ("text-anchor", "middle"));
        }
        svg.Element("text", $"{Name}{unit}{(log ? ", logarithmic scale" : "")}", ("x", labelW + plotW / 2), ("y", height - 6), ("text-anchor", "middle"));
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            var mid = top + i * rowH + rowH / 2.0;
            var colour = i == 0 ? "#6b6b6b" : "#0072B2";
            svg.Element("text", i == 0 ? "everyone" : r.Stratum, ("x", labelW - 8), ("y", mid + 4), ("text-anchor", "end"), ("font-weight", i == 0 ? "700" : "400"));
            if (r.Percentile("p5") is not { } p5 || r.Percentile("p25") is not { } p25 || r.Percentile("p50") is not { } p50 || r.Percentile("p75") is not { } p75 || r.Percentile("p95") is not { } p95)
            {
                svg.Element("text", "withheld (too few)", ("x", labelW + 4), ("y", mid + 4), ("fill", "#555555"));
                continue;
            }
            svg.Element("line", null, ("x1", X(p5)), ("y1", mid), ("x2", X(p95)), ("y2", mid), ("stroke", colour), ("stroke-width", "1.5"));
            svg.Titled("rect", $"{(i == 0 ? "everyone" : r.Stratum)}: median {N(p50)}, quartiles {N(p25)}–{N(p75)}, 5th–95th percentile {N(p5)}–{N(p95)}{unit}",
                ("x", X(p25)), ("y", mid - 7), ("width", Math.Max(1, X(p75) - X(p25))), ("height", 14), ("fill", i == 0 ? "#e6e6e6" : "#cfe3f1"), ("stroke", colour));
            svg.Element("line", null, ("x1", X(p50)), ("y1", mid - 9), ("x2", X(p50)), ("y2", mid + 9), ("stroke", "#1a1a1a"), ("stroke-width", "2.5"));
        }
        svg.Close();
    }
}
