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
        var max = Ticks.Nice(Math.Max(Threshold, Bins.Max(b => b.Count ?? 0)));
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
                svg.Titled("rect", $"{Range(i)}: {N(c)}", [.. box, ("fill", "#0072B2"), ("stroke", "#1a1a1a"), ("stroke-width", "0.5")]);
            else
                svg.Titled("rect", $"{Range(i)}: <{Threshold} (suppressed)", [.. box, ("fill", "none"), ("stroke", "#1a1a1a"), ("stroke-dasharray", "3 2"), ("stroke-width", "0.8")]);
        }
        foreach (var (value, label) in Marks ?? [])
        {
            if (At(value, left, barW) is not { } x) continue;
            svg.Titled("line", $"{label}: {N(value)}", ("x1", x), ("y1", top), ("x2", x), ("y2", top + plotH), ("stroke", "#D55E00"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 3"));
            if (Marks!.Count == 1) svg.Element("text", label, ("x", x + 4), ("y", top + 10));
        }
        svg.Element("line", null, ("x1", left), ("y1", top + plotH), ("x2", width - right), ("y2", top + plotH), ("stroke", "#1a1a1a"));
        svg.Element("line", null, ("x1", left), ("y1", top), ("x2", left), ("y2", top + plotH), ("stroke", "#1a1a1a"));
        foreach (var t in Ticks.Steps(max))
            svg.Element("text", t.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture), ("x", left - 6), ("y", top + plotH - plotH * t / max + 4), ("text-anchor", "end"));
        // Values on 1-2-5 steps between the inner edges (the outer bins are open-ended: "≤" and "≥" their inner edge).
        if (Bins.Count > 2)
        {
            var (lo, hi) = (Bins[0].To, Bins[^1].From);
            foreach (var v in Ticks.Axis(lo, hi, LogBins))
                if (At(v, left, barW) is { } x)
                {
                    svg.Element("line", null, ("x1", x), ("y1", top + plotH), ("x2", x), ("y2", top + plotH + 4), ("stroke", "#1a1a1a"));
                    svg.Element("text", N(v, "0.###"), ("x", x), ("y", top + plotH + 16), ("text-anchor", "middle"));
                }
            svg.Element("text", $"≤{N(lo, "0.##")}", ("x", left), ("y", top + plotH + 30), ("text-anchor", "start"));
            svg.Element("text", $"≥{N(hi, "0.##")}", ("x", width - right), ("y", top + plotH + 30), ("text-anchor", "end"));
        }
        svg.Element("text", $"{Name}{UnitSuffix(Unit)}{(LogBins ? ", logarithmic scale" : "")}", ("x", left + plotW / 2), ("y", height - 6), ("text-anchor", "middle"));
        svg.Element("text", "participants", ("x", 14), ("y", top + plotH / 2), ("text-anchor", "middle"), ("transform", $"rotate(-90 14 {top + plotH / 2})"));
        svg.Close();
    }

    /// <summary>A bin's values in words: the outer bins are open-ended ("≤ 0.8", "≥ 12").</summary>
    private string Range(int i) => Bins.Count > 1 && i == 0 ? $"≤ {N(Bins[i].To)}" : Bins.Count > 1 && i == Bins.Count - 1 ? $"≥ {N(Bins[i].From)}" : $"{N(Bins[i].From)}–{N(Bins[i].To)}";

    /// <summary>Where a value falls on the x axis: inside the bin that holds it, linearly or logarithmically; null outside the inner bins.</summary>
    private double? At(double value, double left, double barW)
    {
        for (var i = 1; i < Bins.Count - 1; i++)
        {
            var (from, to) = (Bins[i].From, Bins[i].To);
            if (value < from || value > to || !(to > from)) continue;
            var t = LogBins && from > 0 ? Math.Log(value / from) / Math.Log(to / from) : (value - from) / (to - from);
            return left + (i + t) * barW;
        }
        return null;
    }
}
