using Cohort.Contracts.Queries;
using Cohort.Dashboard.Features.Phenotypes;

namespace Cohort.Dashboard.Tests;

/// <summary>The phenotype page's curve shape × phase shares are suppressed as one table (the model's own release is tested with the grains).</summary>
public sealed class PhenotypeDisclosureTests
{
    [Fact]
    public void Curve_shapes_by_phase_are_suppressed_as_one_table()
    {
        IReadOnlyList<PrevalenceEstimate> Shape(params long?[] cases) =>
            cases.Select((c, i) => new PrevalenceEstimate(i == 0 ? "normal" : "intermediate", c, 200, c / 200.0, null, null, c is null, null, null)).ToArray();
        // normal: 150 / 40 / withheld / 5 — the withheld and the small one must not be recoverable from the 200 total.
        var shares = PhenotypeViews.CurveShapeShares([Shape(150, 100), Shape(40, 60), Shape(null, 30), Shape(5, 10)], 11);
        var normal = shares[0].Shares;
        Assert.Null(normal[2]);
        Assert.Null(normal[3]);
        Assert.True(normal.Count(x => x is null) >= 2);
        Assert.Equal(0.5, shares[1].Shares[0]);
    }
}
