namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>
/// Participants by cluster and HIRI/MISI tertile phenotype (columns: no IR, muscle IR, liver IR, combined, undetermined), small cells
/// and their complements withheld, with the ARI between the clusters and the rule (over the determined) and the tertile boundaries.
/// </summary>
public sealed record PhenotypeRuleTableView(
    IReadOnlyList<string> Columns,
    IReadOnlyList<(string Cluster, IReadOnlyList<long?> Counts)> Rows,
    double? AdjustedRandIndex,
    string Boundaries);
