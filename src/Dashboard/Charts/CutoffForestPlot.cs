using Cohort.Contracts.Queries;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using static Cohort.Dashboard.Rendering.Format;

namespace Cohort.Dashboard.Charts;

/// <summary>
/// Insulin-resistance prevalence under each registry cut-off as a forest plot: one row per cut-off (its name and HOMA-IR value), a
/// square at the prevalence and a line across its 95% interval, grouped by the population the cut-off was derived in. How well a
/// cut-off applies to the filter is drawn as well as said: filled when it applies, half-tone when it applies in part, hollow grey when it
/// does not; a suppressed prevalence is written as such. The chosen phase cut-off's rows are bold and marked.
/// </summary>
public sealed class CutoffForestPlot : ComponentBase
{
    private const string Applies = "#0072B2", Partly = "#E69F00", NotApplicable = "#6b6b6b";

    [Parameter, EditorRequired] public IReadOnlyList<CutoffPrevalence> Rows { get; set; } = [];

    /// <summary>The HOMA-IR value phases use on this page.</summary>
    [Parameter, EditorRequired] public double Chosen { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        const int width = 720, labelW = 300, right = 24, top = 8, rowH = 18, groupH = 24, axisH = 40, legendH = 26;
        var groups = Rows.GroupBy(r => r.Population).OrderBy(g => g.Min(r => r.Value)).ToArray();
        var height = top + groups.Length * groupH + Rows.Count * rowH + axisH + legendH;
        var plotW = width - labelW - right;
        var xMax = Ticks.Nice(Math.Max(0.05, Rows.Select(r => r.Upper ?? r.Proportion ?? 0).DefaultIfEmpty(0).Max())) * 100;
        double X(double share) => labelW + plotW * Math.Clamp(share * 100 / xMax, 0, 1);
        var plotBottom = height - axisH - legendH;
        var svg = new SvgWriter(builder);
        svg.Open("svg", ("role", "img"), ("aria-label", "Forest plot: insulin-resistance prevalence (%) with its 95% interval under each published HOMA-IR cut-off, grouped by the population it was derived in; the numbers are in the table below"),
            ("viewBox", $"0 0 {width} {height}"), ("width", width), ("height", height), ("xmlns", "http://www.w3.org/2000/svg"));
        foreach (var t in Ticks.Steps(xMax))
        {
            var x = labelW + plotW * t / xMax;
            svg.Element("line", null, ("x1", x), ("y1", top), ("x2", x), ("y2", plotBottom), ("stroke", "#d0d0d0"));
            svg.Element("text", $"{N(t, "0.#")}%", ("x", x), ("y", plotBottom + 16), ("text-anchor", "middle"));
        }
        svg.Element("text", "participants above the cut-off (%), with 95% interval", ("x", labelW + plotW / 2), ("y", plotBottom + 34), ("text-anchor", "middle"));
        var y = top;
        foreach (var group in groups)
        {
            svg.Element("text", group.Key, ("x", 0), ("y", y + groupH - 7), ("font-weight", "700"));
            y += groupH;
            foreach (var r in group.OrderBy(r => r.Value))
            {
                var chosen = Math.Abs(r.Value - Chosen) < 1e-9;
                var mid = y + rowH / 2.0;
                svg.Element("text", $"{(chosen ? "▶ " : "")}{r.Id} · {N(r.Value, "0.##")}", ("x", 10), ("y", mid + 4), ("font-weight", chosen ? "700" : "400"));
                var colour = r.Applies switch { "Applies" => Applies, "Partly" => Partly, _ => NotApplicable };
                if (r.Proportion is { } p)
                {
                    var what = $"{r.Id} (HOMA-IR {N(r.Value)}): {P(p, r.Lower, r.Upper)}; {Verdict(r.Applies)}";
                    if (r.Lower is { } lo && r.Upper is { } hi)
                        svg.Element("line", null, ("x1", X(lo)), ("y1", mid), ("x2", X(hi)), ("y2", mid), ("stroke", colour), ("stroke-width", "2"));
                    svg.Titled("rect", what, ("x", X(p) - 4.5), ("y", mid - 4.5), ("width", 9), ("height", 9), ("stroke", colour), ("stroke-width", "1.5"),
                        ("fill", r.Applies == "DoesNotApply" ? "#ffffff" : colour));
                }
                else
                    svg.Element("text", "suppressed", ("x", labelW + 4), ("y", mid + 4), ("fill", "#555555"));
                y += rowH;
            }
        }
        svg.Element("line", null, ("x1", labelW), ("y1", top), ("x2", labelW), ("y2", plotBottom), ("stroke", "#1a1a1a"));
        var legendY = height - 8;
        var legendX = 10.0;
        foreach (var (colour, label, fill) in new[] { (Applies, "applies to this filter", Applies), (Partly, "applies in part", Partly), (NotApplicable, "does not apply", "#ffffff") })
        {
            svg.Element("rect", null, ("x", legendX), ("y", legendY - 9), ("width", 9), ("height", 9), ("stroke", colour), ("stroke-width", "1.5"), ("fill", fill));
            svg.Element("text", label, ("x", legendX + 14), ("y", legendY));
            legendX += 28 + label.Length * 6.5;
        }
        svg.Element("text", $"▶ the chosen phase cut-off ({N(Chosen, "0.##")})", ("x", legendX), ("y", legendY));
        svg.Close();
    }

    private static string Verdict(string applies) => applies switch { "Applies" => "applies", "Partly" => "applies in part", _ => "does not apply" };
}
