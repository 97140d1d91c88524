namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>Where an imported model came from and how it agrees with a refit here, with the participant count suppressed when small.</summary>
public sealed record PhenotypeTransferView(string Source, string SourceDataVersion, int SourceModelVersion, double? RefitAri, long? Participants, string RefitSummary);
