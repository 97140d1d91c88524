
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
