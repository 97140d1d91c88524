namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>Two versions compared: ARI over the participants both assign, and the contingency table (rows: clusters of a), suppressed.</summary>
public sealed record PhenotypeComparisonView(int VersionA, int VersionB, double? AdjustedRandIndex, long? Participants, IReadOnlyList<IReadOnlyList<long?>> Contingency);
