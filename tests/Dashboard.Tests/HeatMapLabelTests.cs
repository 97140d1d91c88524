using Cohort.Dashboard.Charts;

namespace Cohort.Dashboard.Tests;

/// <summary>Heat-map column labels wrap so that neighbouring labels do not overlap.</summary>
public sealed class HeatMapLabelTests
{
    [Theory]
    [InlineData("no-raised-tissue-score", new[] { "no-raised-", "tissue-score" })]
    [InlineData("hepatic-dominant", new[] { "hepatic-", "dominant" })]
    [InlineData("mixed", new[] { "mixed" })]
    [InlineData("hepatic-dominant (women)", new[] { "hepatic-", "dominant", "(women)" })]
    public void A_label_breaks_after_hyphens_and_at_spaces_into_lines_of_at_most_13_characters(string label, string[] lines) =>
        Assert.Equal(lines, CentroidHeatMap.Wrap(label, 13));
}
