using Cohort.Contracts.Queries;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using static Cohort.Dashboard.Rendering.Format;

namespace Cohort.Dashboard.Charts;

/// <summary>
/// A histogram as inline SVG: bars with a text alternative each, axes with labelled ticks. A suppressed bin is drawn as a dashed
/// outline the height of the threshold and labelled "&lt;threshold", never as a number; marks draw labelled vertical lines (cut-offs).
/// </summary>
public sealed class HistogramChart : ComponentBase
{
    [Parameter, EditorRequired] public string Name { get; set; } = "";
    [Parameter, EditorRequired] public string Unit { get; set; } = "";
    [Parameter, EditorRequired] public string Visit { get; set; } = "";
    [Parameter] public bool LogBins { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<ReleasedBin> Bins { get; set; } = [];
    [Parameter, EditorRequired] public int Threshold { get; set; }
    [Parameter] public IReadOnlyList<(double Value, string Label)>? Marks { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        const int width = 640, height = 320, left = 60, bottom = 50, top = 20, right = 20;
        var svg = new SvgWriter(builder);
        if (Bins.Count == 0)
        {
            svg.Element("p", "No values to draw.", ("class", "note"));
            return;
        }
        var max = Math.Max(Threshold, Bins.Max(b => b.Count ?? 0));
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var barW = (double)plotW / Bins.Count;
        svg.Open("svg", ("role", "img"), ("aria-labelledby", "hist-title hist-desc"), ("viewBox", $"0 0 {width} {height}"), ("width", width), ("height", height),
            ("xmlns", "http://www.w3.org/2000/svg"));
        svg.Element("title", $"Histogram of {Name} ({Unit}), {Visit} visit", ("id", "hist-title"));
        svg.Element("desc", $"{Bins.Count} bins{(LogBins ? " on a logarithmic scale" : "")}; the numbers are in the table beside the chart; bins with fewer than {Threshold} participants are suppressed.",
            ("id", "hist-desc"));
        for (var i = 0; i < Bins.Count; i++)
        {
            var b = Bins[i];
            var h = plotH * (double)(b.Count ?? Threshold) / max;
            (string, object)[] box = [("x", left + i * barW), ("y", top + plotH - h), ("width", Math.Max(barW - 1, 1)), ("height", h)];
            if (b.Count is { } c)
                svg.Titled("rect", $"{N(b.From)}–{N(b.To)}: {N(c)}", [.. box, ("fill", "#0072B2"), ("stroke", "#1a1a1a"), ("stroke-width", "0.5")]);
            else
                svg.Titled("rect", $"{N(b.From)}–{N(b.To)}: <{Threshold} (suppressed)", [.. box, ("fill", "none"), ("stroke", "#1a1a1a"), ("stroke-dasharray", "3 2"), ("stroke-width", "0.8")]);
        }
        var (lo, hi) = (Bins[0].From, Bins[^1].To);
        foreach (var (value, label) in Marks ?? [])
        {
            if (!(value > lo && value < hi)) continue;
            var t = LogBins && lo > 0 ? Math.Log(value / lo) / Math.Log(hi / lo) : (value - lo) / (hi - lo);
            var x = left + t * plotW;
            svg.Titled("line", $"{label}: {N(value)}", ("x1", x), ("y1", top), ("x2", x), ("y2", top + plotH), ("stroke", "#D55E00"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 3"));
        }
        svg.Element("line", null, ("x1", left), ("y1", top + plotH), ("x2", width - right), ("y2", top + plotH), ("stroke", "#1a1a1a"));
        svg.Element("line", null, ("x1", left), ("y1", top), ("x2", left), ("y2", top + plotH), ("stroke", "#1a1a1a"));
        for (var t = 0; t <= 4; t++)
            svg.Element("text", (max * t / 4.0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                ("x", left - 6), ("y", top + plotH - plotH * t / 4.0 + 4), ("text-anchor", "end"));
        foreach (var i in new[] { 0, Bins.Count / 2, Bins.Count - 1 })
            svg.Element("text", N(Bins[i].From, "0.##"), ("x", left + i * barW), ("y", top + plotH + 16), ("text-anchor", "start"));
        svg.Element("text", $"{Name} ({Unit}){(LogBins ? ", log-spaced bins" : "")}", ("x", left + plotW / 2), ("y", height - 8), ("text-anchor", "middle"));
        svg.Element("text", "participants", ("x", 14), ("y", top + plotH / 2), ("text-anchor", "middle"), ("transform", $"rotate(-90 14 {top + plotH / 2})"));
        svg.Close();
    }
}
