using Cohort.Contracts.Queries;

namespace Cohort.Contracts.Phenotypes;

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
