using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Phenotypes;

namespace Cohort.Grains.Queries;

/// <summary>Participants by stratum and phenotype from the shards' counts: small cells and their complements suppressed, the rest as released.</summary>
internal static class PhenotypeTableMerge
{
    public static PhenotypeTableResult Merge(IReadOnlyList<StrataPhenotypeCounts> parts, CohortQuery query, CountRelease release, Provenance provenance)
    {
        var phenotypes = Enum.GetValues<Phenotype>();
        var width = phenotypes.Length;
        var strata = StrataOrder.Sort(query.StrataBy, parts.SelectMany(p => p.Strata.Keys).Distinct()).ToArray();
        var cells = new long[strata.Length * width];
        var keys = new uint[cells.Length];
        foreach (var part in parts)
            for (var r = 0; r < strata.Length; r++)
            {
                if (part.Strata.TryGetValue(strata[r], out var row))
                    for (var c = 0; c < width; c++) cells[r * width + c] += row[c];
                if (part.Keys?.TryGetValue(strata[r], out var k) == true)
                    for (var c = 0; c < width; c++) keys[r * width + c] = unchecked(keys[r * width + c] + k[c]);
            }
        var disclosure = release.Disclosure;
        // Columns: the tissue phenotypes, or for a model of numbered clusters the clusters people are in (and the unclassified).
        var columnTotal = phenotypes.Select((_, c) => Enumerable.Range(0, strata.Length).Sum(r => cells[r * width + c])).ToArray();
        var numbered = phenotypes.Where((p, c) => p >= Phenotype.Cluster1 && columnTotal[c] > 0).Any()
            && phenotypes.Where((p, c) => p is > Phenotype.Unclassified and <= Phenotype.Mixed && columnTotal[c] > 0).Count() == 0;
        var shown = Enumerable.Range(0, width).Where(c => phenotypes[c] <= Phenotype.Mixed
            ? !numbered || phenotypes[c] == Phenotype.Unclassified
            : columnTotal[c] > 0).ToArray();
        var hidden = SmallCellSuppression.Table(cells, strata.Length, width, release.Threshold);
        var complement = SmallCellSuppression.Complements(cells, hidden, release.Threshold);
        var rows = strata.Select((label, r) =>
        {
            var rowKey = new CellKey(Enumerable.Range(0, width).Aggregate(0u, (sum, c) => unchecked(sum + keys[r * width + c])));
            var counts = shown.Select(c => hidden[r * width + c] ? null
                : (long?)disclosure.Count(cells[r * width + c], new CellKey(keys[r * width + c]).Merge(rowKey))).ToArray();
            var total = Enumerable.Range(0, width).Sum(c => cells[r * width + c]);
            return new PhenotypeTableRow(label, counts, release.Shown(total) is null ? null : disclosure.Count(total, rowKey))
            {
                Complement = shown.Select(c => complement[r * width + c]).ToArray(),
            };
        }).ToArray();
        return new PhenotypeTableResult(query.StrataBy == Dimension.None ? "all" : query.StrataBy.ToString().ToLowerInvariant(), query.Visit.Label,
            shown.Select(c => phenotypes[c].Code()).ToArray(), rows,
            release.Count(parts.Sum(p => p.WithoutVisit), parts.Select(p => p.WithoutVisitKey)), provenance)
        {
            Disclosure = disclosure.Describe(),
        };
    }
}
