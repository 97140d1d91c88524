using Cohort.Contracts.Queries;
using Cohort.Domain.Disclosure;

namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>The phenotype page's own part: the curve shape × phase shares (the model itself comes released from the silo).</summary>
public static class PhenotypeViews
{
    /// <summary>
    /// Curve shape by phase as one table: the shapes partition each phase's visits with a known shape, so a share is shown only where
    /// table suppression (over the case counts, rows = phases) leaves its count visible; a count the prevalence query already withheld
    /// counts as small.
    /// </summary>
    public static IReadOnlyList<(string Phase, IReadOnlyList<double?> Shares)> CurveShapeShares(IReadOnlyList<IReadOnlyList<PrevalenceEstimate>> byShape, int threshold)
    {
        if (byShape.Count == 0) return [];
        var phases = byShape[0].Select(x => x.Stratum).ToArray();
        var cells = new long[phases.Length * byShape.Count];
        for (var r = 0; r < phases.Length; r++)
            for (var c = 0; c < byShape.Count; c++)
                cells[r * byShape.Count + c] = byShape[c].FirstOrDefault(x => x.Stratum == phases[r])?.Cases ?? 1;
        var hidden = SmallCellSuppression.Table(cells, phases.Length, byShape.Count, threshold);
        return phases.Select((phase, r) => (phase, (IReadOnlyList<double?>)Enumerable.Range(0, byShape.Count)
            .Select(c => hidden[r * byShape.Count + c] ? null : byShape[c].FirstOrDefault(x => x.Stratum == phase)?.Proportion).ToArray())).ToArray();
    }
}
