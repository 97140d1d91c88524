namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// Where an imported model came from (the file's name or the caller's description, the derivation cohort's data version and model
/// version) and how its transferred assignments agree with a model refitted here on the same features, method and k: the ARI over the
/// participants both assign, and the refit's labels.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeTransfer")]
public sealed record PhenotypeTransfer(
    [property: Id(0)] string Source,
    [property: Id(1)] string SourceDataVersion,
    [property: Id(2)] int SourceModelVersion,
    [property: Id(3)] double? RefitAri,
    [property: Id(4)] long Participants,
    [property: Id(5)] string RefitSummary);
