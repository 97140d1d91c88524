namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// Participants by cluster and HIRI/MISI tertile phenotype (columns: no IR, muscle IR, liver IR, combined, undetermined), small cells
/// and their complements withheld, with the ARI between the clusters and the rule (over the determined) and the tertile boundaries.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeRuleTableView")]
public sealed record PhenotypeRuleTableView(
    [property: Id(0)] IReadOnlyList<string> Columns,
    [property: Id(1)] IReadOnlyList<PhenotypeRuleTableRow> Rows,
    [property: Id(2)] double? AdjustedRandIndex,
    [property: Id(3)] string Boundaries);

/// <summary>One cluster's row of the rule table ("1 hepatic-dominant-1"), its counts in the table's column order, null where withheld.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeRuleTableRow")]
public sealed record PhenotypeRuleTableRow([property: Id(0)] string Cluster, [property: Id(1)] IReadOnlyList<long?> Counts);
