namespace Cohort.Contracts.Phenotypes;

/// <summary>A feature set a study saved under a name, to fit with `--preset NAME`: metric codes, those to log-transform, who trains.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypePreset")]
public sealed record PhenotypePreset(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] IReadOnlyList<string> Features,
    [property: Id(3)] IReadOnlyList<string>? Log,
    [property: Id(4)] string Population,
    [property: Id(5)] bool BuiltIn = false);
