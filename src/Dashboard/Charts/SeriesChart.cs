using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using static Cohort.Dashboard.Rendering.Format;

namespace Cohort.Dashboard.Charts;

/// <summary>
/// One marker or index of one participant over the visits, as a small chart for a grid of them: a dot per value joined by a line,
/// the y axis from 0 on 1-2-5 ticks with its unit, each visit's year on the x axis. A value that is undefined at a visit is a gap in the
/// line (the table says why). Each dot carries its date and value as text.
/// </summary>
public sealed class SeriesChart : ComponentBase
{
    [Parameter, EditorRequired] public string Name { get; set; } = "";
    [Parameter, EditorRequired] public string Unit { get; set; } = "";

    /// <summary>The values by date, null where the value is undefined at that visit.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<(DateOnly Date, double? Value)> Points { get; set; } = [];

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        const int width = 300, height = 164, left = 44, right = 14, top = 38, bottom = 24;
        var (plotW, plotH) = (width - left - right, height - top - bottom);
        var defined = Points.Where(p => p.Value is { } v && double.IsFinite(v)).ToArray();
        var yMax = Ticks.Nice(Math.Max(defined.Select(p => p.Value!.Value).DefaultIfEmpty(0).Max(), 1e-9));
        var (first, last) = Points.Count == 0 ? (0, 1) : (Points.Min(p => p.Date.DayNumber), Math.Max(Points.Max(p => p.Date.DayNumber), Points.Min(p => p.Date.DayNumber) + 1));
        double X(DateOnly d) => Points.Count <= 1 ? left + plotW / 2.0 : left + plotW * (d.DayNumber - first) / (double)(last - first);
        double Y(double v) => top + plotH * (1 - v / yMax);
        var unit = UnitSuffix(Unit);
        var svg = new SvgWriter(builder);
        svg.Open("svg", ("role", "img"), ("aria-label", $"{Name}{unit} at each visit; the values are in the table"), ("viewBox", $"0 0 {width} {height}"),
            ("width", width), ("height", height), ("xmlns", "http://www.w3.org/2000/svg"));
        svg.Element("text", Name, ("x", 4), ("y", 14), ("font-weight", "600"));
        if (unit.Length > 0) svg.Element("text", $"in {Unit}", ("x", 4), ("y", 28));
        foreach (var t in Ticks.Steps(yMax))
        {
            svg.Element("line", null, ("x1", left), ("y1", Y(t)), ("x2", left + plotW), ("y2", Y(t)), ("stroke", "#d0d0d0"));
            svg.Element("text", N(t, "0.###"), ("x", left - 4), ("y", Y(t) + 4), ("text-anchor", "end"));
        }
        foreach (var year in Points.Select(p => p.Date.Year).Distinct())
        {
            var at = Points.First(p => p.Date.Year == year).Date;
            svg.Element("text", year.ToString(CultureInfo.InvariantCulture), ("x", X(at)), ("y", height - 6), ("text-anchor", "middle"));
        }
        // Runs of defined values are joined; an undefined value breaks the line.
        foreach (var run in Runs.Of(Points.OrderBy(p => p.Date), p => p.Value is { } v && double.IsFinite(v)))
            if (run.Length > 1)
                svg.Element("polyline", null, ("points", string.Join(' ', run.Select(p => $"{Svg(X(p.Date))},{Svg(Y(p.Value!.Value))}"))), ("fill", "none"),
                    ("stroke", "#0072B2"), ("stroke-width", "2"));
        foreach (var (date, value) in defined)
            svg.Titled("circle", $"{date:yyyy-MM-dd}: {N(value)}{unit}", ("cx", X(date)), ("cy", Y(value!.Value)), ("r", 3.5), ("fill", "#0072B2"));
        svg.Close();
    }
}
