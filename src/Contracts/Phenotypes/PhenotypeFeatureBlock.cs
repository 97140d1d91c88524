
namespace Cohort.Contracts.Phenotypes;

/// <summary>One shard's feature rows for a fit: row-major raw values of the requested metrics, sex, may-train flags.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeFeatureBlock")]
public sealed record PhenotypeFeatureBlock(
    [property: Id(0)] int Count,
    [property: Id(1)] float[] Values,
    [property: Id(2)] byte[] Sex,
    [property: Id(3)] bool[] Trains,
    [property: Id(4)] long NoFeatureVisit);
