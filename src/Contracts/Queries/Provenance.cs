namespace Cohort.Contracts.Queries;

/// <summary>
/// Where a result comes from, so that it can be reproduced: the data version (the latest ingest run it includes), the query's
/// canonical hash, the conversion factors, rule set, phase cut-off and phenotype model in force, the suppression threshold, and the
/// population the numbers describe (the query's filters in words).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.Provenance")]
public sealed record Provenance(
    [property: Id(0)] string DataVersion,
    [property: Id(1)] string QueryHash,
    [property: Id(2)] double GlucoseFactor,
    [property: Id(3)] double InsulinFactor,
    [property: Id(4)] string RuleSet,
    [property: Id(5)] string PhaseCutoff,
    [property: Id(6)] string ModelVersion,
    [property: Id(7)] int SuppressionThreshold,
    [property: Id(8)] string Population = "all participants");
