namespace Cohort.Contracts.Phenotypes;

/// <summary>One stored model version in a list: when and on what it was fitted, its method, k and silhouette (no counts).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeVersionSummary")]
public sealed record PhenotypeVersionSummary(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset FittedAt,
    [property: Id(2)] string DataVersion,
    [property: Id(3)] string Visit,
    [property: Id(4)] string Method,
    [property: Id(5)] int K,
    [property: Id(6)] int Seed,
    [property: Id(7)] double Silhouette,
    [property: Id(8)] double FitSeconds);
