
namespace Cohort.Contracts.Phenotypes;

/// <summary>A clustering feature as the model stores it (see Cohort.Phenotyping.Features.PhenotypeFeature).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeFeatureInfo")]
public sealed record PhenotypeFeatureInfo(
    [property: Id(0)] string Metric,
    [property: Id(1)] string Tissue,
    [property: Id(2)] bool Log,
    [property: Id(3)] int Orientation,
    [property: Id(4)] string Why);
