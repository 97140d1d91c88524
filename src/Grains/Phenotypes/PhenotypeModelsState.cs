using Cohort.Contracts.Phenotypes;
using Cohort.Phenotyping.Validation;
using Microsoft.Extensions.Options;

namespace Cohort.Grains.Phenotypes;

[GenerateSerializer]
[Alias("Cohort.Grains.Phenotypes.PhenotypeModelsState")]
public sealed class PhenotypeModelsState
{
    /// <summary>Every fitted version, oldest first.</summary>
    [Id(0)] public List<PhenotypeModel> Models { get; set; } = [];

    /// <summary>Feature sets the study saved, by name.</summary>
    [Id(1)] public Dictionary<string, PhenotypePreset> Presets { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
