using Cohort.Domain.Caveats;
using Cohort.Domain.Metrics;

namespace Cohort.Domain.Tests;

public class CaveatTests
{
    [Fact]
    public void HOMA_IR_carries_the_reasons_its_cutoffs_are_not_universal()
    {
        var caveats = CaveatCatalogue.HomaIrCutoffs;
        Assert.True(caveats.Count >= 10);
        Assert.Contains(caveats, c => c.Id == "homa-no-universal-cutoff");
        Assert.Contains(caveats, c => c.Text.Contains("assay", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(caveats, c => c.Text.Contains("14%"));
        Assert.Contains(caveats, c => c.Text.Contains("HOMA2"));
        Assert.Contains(caveats, c => c.Text.Contains("Puberty", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_marker_and_index_has_a_caveat_with_a_source()
    {
        foreach (var metric in MetricCatalogue.All.Where(m => m.Code is not ("height" or "hemoglobin")))
        {
            var caveats = CaveatCatalogue.For(metric.Code);
            Assert.True(caveats.Count > 0, $"{metric.Code} has no caveat");
            Assert.All(caveats, c => Assert.False(string.IsNullOrWhiteSpace(c.Source)));
        }
    }

    [Fact]
    public void Unknown_metrics_have_no_caveats() => Assert.Empty(CaveatCatalogue.For("no-such-metric"));
}
