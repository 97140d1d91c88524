
namespace Cohort.Contracts.Phenotypes;

/// <summary>The missing-feature policy a model was fitted and assigns with.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypePolicy")]
public sealed record PhenotypePolicy(
    [property: Id(0)] double DropFeatureAbove,
    [property: Id(1)] int MinimumPerTissue,
    [property: Id(2)] int MaximumMissing,
    [property: Id(3)] string Description);
