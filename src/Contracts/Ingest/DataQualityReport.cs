namespace Cohort.Contracts.Ingest;

/// <summary>A run's data-quality results: per marker counts, the checks, and the comparison with the previous run.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.DataQualityReport")]
public sealed record DataQualityReport(
    [property: Id(0)] IReadOnlyList<MarkerQuality> Markers,
    [property: Id(1)] IReadOnlyList<QualityCheck> Checks,
    [property: Id(2)] QualityDiff? Diff);
