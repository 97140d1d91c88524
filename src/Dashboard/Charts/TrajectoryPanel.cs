using Cohort.Contracts.Queries;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using static Cohort.Dashboard.Rendering.Format;

namespace Cohort.Dashboard.Charts;

/// <summary>
/// One stratum's course over the visits, for a grid of small multiples on a shared y axis: the median at each visit joined by a line,
/// the interquartile range (25th–75th percentile) as a band. A visit whose percentiles are withheld leaves a gap and is marked "withheld".
/// </summary>
public sealed class TrajectoryPanel : ComponentBase
{
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public string Unit { get; set; } = "";

    /// <summary>The stratum's distribution at visit 1, 2, …; null where the stratum has nobody at that visit.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<StratumDistribution?> Visits { get; set; } = [];

    /// <summary>The shared y range (lowest 25th and highest 75th percentile of every panel), and whether it is logarithmic.</summary>
    [Parameter, EditorRequired] public double Low { get; set; }
    [Parameter, EditorRequired] public double High { get; set; }
    [Parameter] public bool Log { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        const int width = 300, height = 190, left = 44, right = 12, top = 24, bottom = 36;
        var (plotW, plotH) = (width - left - right, height - top - bottom);
        var count = Math.Max(Visits.Count, 1);
        var log = Log && Low > 0;
        double X(int visit) => count == 1 ? left + plotW / 2.0 : left + plotW * (visit - 1) / (double)(count - 1);
        double Y(double v) => top + plotH * (1 - Math.Clamp(log ? Math.Log(v / Low) / Math.Log(High / Low) : (v - Low) / (High - Low), 0, 1));
        var unit = UnitSuffix(Unit);
        var svg = new SvgWriter(builder);
        svg.Open("svg", ("role", "img"), ("aria-label", $"{Title}: median{unit} and interquartile range at each visit; the numbers are in the table"),
            ("viewBox", $"0 0 {width} {height}"), ("width", width), ("height", height), ("xmlns", "http://www.w3.org/2000/svg"));
        svg.Element("text", Title, ("x", 4), ("y", 15), ("font-weight", "600"));
        foreach (var t in Ticks.Axis(Low, High, log))
        {
            svg.Element("line", null, ("x1", left), ("y1", Y(t)), ("x2", left + plotW), ("y2", Y(t)), ("stroke", "#d0d0d0"));
            svg.Element("text", N(t, "0.###"), ("x", left - 4), ("y", Y(t) + 4), ("text-anchor", "end"));
        }
        for (var v = 1; v <= Visits.Count; v++)
            svg.Element("text", v.ToString(System.Globalization.CultureInfo.InvariantCulture), ("x", X(v)), ("y", top + plotH + 14), ("text-anchor", "middle"));
        svg.Element("text", "visit", ("x", left + plotW / 2), ("y", height - 4), ("text-anchor", "middle"));
        var shown = Enumerable.Range(1, Visits.Count).Select(v => (Visit: v, Q: Quartiles(Visits[v - 1]))).ToArray();
        foreach (var run in Runs.Of(shown, p => p.Q is not null))
        {
            if (run.Length > 1)
            {
                var band = run.Select(p => $"{Svg(X(p.Visit))},{Svg(Y(p.Q!.Value.P75))}").Concat(run.Reverse().Select(p => $"{Svg(X(p.Visit))},{Svg(Y(p.Q!.Value.P25))}"));
                svg.Element("polygon", null, ("points", string.Join(' ', band)), ("fill", "#cfe3f1"), ("stroke", "none"));
                svg.Element("polyline", null, ("points", string.Join(' ', run.Select(p => $"{Svg(X(p.Visit))},{Svg(Y(p.Q!.Value.P50))}"))), ("fill", "none"),
                    ("stroke", "#0072B2"), ("stroke-width", "2"));
            }
            else
            {
                var p = run[0];
                svg.Element("line", null, ("x1", X(p.Visit)), ("y1", Y(p.Q!.Value.P25)), ("x2", X(p.Visit)), ("y2", Y(p.Q!.Value.P75)), ("stroke", "#cfe3f1"), ("stroke-width", "8"));
            }
        }
        foreach (var (visit, q) in shown)
        {
            if (q is { } x)
                svg.Titled("circle", $"visit {visit}: median {N(x.P50)}, quartiles {N(x.P25)}–{N(x.P75)}{unit}", ("cx", X(visit)), ("cy", Y(x.P50)), ("r", 3.5), ("fill", "#0072B2"));
            else
                svg.Element("text", "withheld", ("x", X(visit)), ("y", top + plotH / 2), ("text-anchor", "middle"), ("fill", "#555555"), ("font-size", "10"));
        }
        svg.Close();
    }

    /// <summary>The 25th, 50th and 75th percentiles when all three are released.</summary>
    public static (double P25, double P50, double P75)? Quartiles(StratumDistribution? s) =>
        s?.Percentile("p25") is { } a && s.Percentile("p50") is { } b && s.Percentile("p75") is { } c ? (a, b, c) : null;
}
