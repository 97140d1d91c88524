using Cohort.Contracts.Phenotypes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Cohort.Dashboard.Charts;

/// <summary>
/// The centroid heat map as inline SVG: one row per feature (grouped by tissue), one column per cluster, each cell coloured on a
/// diverging scale (blue below the cohort, red above, in oriented z: red always means "more resistant") and labelled with its value.
/// A cluster whose centroid is withheld (small training size) shows an empty column.
/// </summary>
public sealed class CentroidHeatMap : ComponentBase
{
    private const int Label = 150, Cell = 86, Row = 24, LineHeight = 12;

    [Parameter, EditorRequired] public IReadOnlyList<PhenotypeFeatureInfo> Features { get; set; } = [];
    [Parameter, EditorRequired] public IReadOnlyList<PhenotypeClusterView> Clusters { get; set; } = [];

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // Column labels wrap at hyphens and spaces into lines that fit a cell, so that neighbours never overlap.
        var lines = Clusters.Select(c => Wrap(c.Label, 13)).ToArray();
        var top = 30 + LineHeight * lines.Select(l => l.Count).DefaultIfEmpty(1).Max();
        var width = Label + Cell * Clusters.Count + 10;
        var height = top + Row * Features.Count + 10;
        var svg = new SvgWriter(builder);
        svg.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("role", "img"), ("viewBox", $"0 0 {width} {height}"), ("width", width), ("height", height),
            ("aria-labelledby", "heatmap-title"));
        svg.Element("title", "Cluster centroids in oriented z-scores (red: more resistant than the cohort)", ("id", "heatmap-title"));
        for (var c = 0; c < Clusters.Count; c++)
        {
            svg.Element("text", $"#{Clusters[c].Number}", ("x", Label + c * Cell + Cell / 2), ("y", 16), ("text-anchor", "middle"), ("font-size", "11"), ("font-weight", "700"));
            for (var l = 0; l < lines[c].Count; l++)
                svg.Element("text", lines[c][l], ("x", Label + c * Cell + Cell / 2), ("y", 30 + LineHeight * l), ("text-anchor", "middle"), ("font-size", "10"));
        }
        for (var f = 0; f < Features.Count; f++)
        {
            var y = top + f * Row;
            svg.Element("text", $"{Features[f].Tissue} · {Features[f].Metric}", ("x", Label - 6), ("y", y + 16), ("text-anchor", "end"), ("font-size", "11"));
            for (var c = 0; c < Clusters.Count; c++)
            {
                var x = Label + c * Cell;
                if (Clusters[c].Centroid is not { } centroid)
                {
                    svg.Element("rect", null, ("x", x), ("y", y), ("width", Cell - 2), ("height", Row - 2), ("fill", "#eeeeee"));
                    continue;
                }
                var z = centroid[f];
                svg.Titled("rect", $"{Features[f].Metric}, cluster {Clusters[c].Number}: z = {z.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}",
                    ("x", x), ("y", y), ("width", Cell - 2), ("height", Row - 2), ("fill", Colour(z)));
                svg.Element("text", z.ToString("+0.00;−0.00;0.00", System.Globalization.CultureInfo.InvariantCulture), ("x", x + Cell / 2 - 1), ("y", y + 16),
                    ("text-anchor", "middle"), ("font-size", "11"));
            }
        }
        svg.Close();
    }

    /// <summary>A label in lines of at most <paramref name="width"/> characters, broken after hyphens and at spaces (a longer word stays whole).</summary>
    internal static IReadOnlyList<string> Wrap(string label, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var piece in System.Text.RegularExpressions.Regex.Split(label, @"(?<=-)|(?<= )"))
        {
            if (line.Length > 0 && (line + piece).TrimEnd().Length > width)
            {
                lines.Add(line.TrimEnd());
                line = "";
            }
            line += piece;
        }
        if (line.Trim().Length > 0) lines.Add(line.TrimEnd());
        return lines;
    }

    /// <summary>White at 0, saturating at ±1.5 SD: red above, blue below.</summary>
    private static string Colour(double z)
    {
        var t = Math.Clamp(Math.Abs(z) / 1.5, 0, 1);
        var fade = (int)Math.Round(255 - 160 * t);
        return z >= 0 ? $"rgb(255,{fade},{fade})" : $"rgb({fade},{fade},255)";
    }
}
