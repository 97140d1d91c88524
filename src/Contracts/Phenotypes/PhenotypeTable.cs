using Cohort.Contracts.Queries;

namespace Cohort.Contracts.Phenotypes;

/// <summary>One row of a phenotype table: a stratum (a phase, sex, site, …) and its participants per phenotype (null = suppressed).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeTableRow")]
public sealed record PhenotypeTableRow(
    [property: Id(0)] string Stratum,
    [property: Id(1)] IReadOnlyList<long?> Counts,
    [property: Id(2)] long? Total)
{
    /// <summary>Cells hidden only to protect a small cell in their row or column (not small themselves).</summary>
    [Id(3)] public IReadOnlyList<bool>? Complement { get; init; }
}

/// <summary>Participants by stratum × phenotype at the query's visit, with small cells suppressed (complements included).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeTableResult")]
public sealed record PhenotypeTableResult(
    [property: Id(0)] string By,
    [property: Id(1)] string Visit,
    [property: Id(2)] IReadOnlyList<string> Phenotypes,
    [property: Id(3)] IReadOnlyList<PhenotypeTableRow> Rows,
    [property: Id(4)] long? WithoutVisit,
    [property: Id(5)] Provenance Provenance)
{
    /// <summary>"exact" (epidemiologists) or how the counts were perturbed (the cell key method, for anonymous and analyst views).</summary>
    [Id(6)] public string Disclosure { get; init; } = "exact";
}
