namespace Cohort.Contracts.Phenotypes;

/// <summary>Where an imported model came from and how it agrees with a refit here, with the participant count suppressed when small.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeTransferView")]
public sealed record PhenotypeTransferView(
    [property: Id(0)] string Source,
    [property: Id(1)] string SourceDataVersion,
    [property: Id(2)] int SourceModelVersion,
    [property: Id(3)] double? RefitAri,
    [property: Id(4)] long? Participants,
    [property: Id(5)] string RefitSummary);
