using System.Globalization;
using System.Text;
using Cohort.Contracts.Phenotypes;
using Cohort.Dashboard.Api;

namespace Cohort.Dashboard.Rendering;

/// <summary>
/// The centroid heat map as inline SVG: one row per feature (grouped by tissue), one column per cluster, each cell coloured on a
/// diverging scale (blue below the cohort, red above, in oriented z: red always means "more resistant") and labelled with its value.
/// A cluster whose centroid is withheld (small training size) shows an empty column.
/// </summary>
internal static class CentroidHeatMap
{
    private const int Label = 150, Cell = 86, Row = 24, Top = 40;

    public static string Render(IReadOnlyList<PhenotypeFeatureInfo> features, IReadOnlyList<PhenotypeClusterView> clusters)
    {
        var width = Label + Cell * clusters.Count + 10;
        var height = Top + Row * features.Count + 10;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-labelledby="heatmap-title"><title id="heatmap-title">Cluster centroids in oriented z-scores (red: more resistant than the cohort)</title>""");
        for (var c = 0; c < clusters.Count; c++)
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{Label + c * Cell + Cell / 2}" y="{Top - 22}" text-anchor="middle" font-size="11">#{clusters[c].Number}</text><text x="{Label + c * Cell + Cell / 2}" y="{Top - 8}" text-anchor="middle" font-size="10">{Html.E(clusters[c].Label)}</text>""");
        for (var f = 0; f < features.Count; f++)
        {
            var y = Top + f * Row;
            sb.Append(CultureInfo.InvariantCulture, $"""<text x="{Label - 6}" y="{y + 16}" text-anchor="end" font-size="11">{Html.E(features[f].Tissue)} · {Html.E(features[f].Metric)}</text>""");
            for (var c = 0; c < clusters.Count; c++)
            {
                var x = Label + c * Cell;
                if (clusters[c].Centroid is not { } centroid)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{y}" width="{Cell - 2}" height="{Row - 2}" fill="#eeeeee"/>""");
                    continue;
                }
                var z = centroid[f];
                sb.Append(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{y}" width="{Cell - 2}" height="{Row - 2}" fill="{Colour(z)}"><title>{Html.E(features[f].Metric)}, cluster {clusters[c].Number}: z = {z:0.00}</title></rect><text x="{x + Cell / 2 - 1}" y="{y + 16}" text-anchor="middle" font-size="11">{z.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture)}</text>""");
            }
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>White at 0, saturating at ±1.5 SD: red above, blue below.</summary>
    private static string Colour(double z)
    {
        var t = Math.Clamp(Math.Abs(z) / 1.5, 0, 1);
        var fade = (int)Math.Round(255 - 160 * t);
        return z >= 0 ? $"rgb(255,{fade},{fade})" : $"rgb({fade},{fade},255)";
    }
}
