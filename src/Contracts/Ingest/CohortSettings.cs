namespace Cohort.Contracts.Ingest;

/// <summary>Settings the silo owns and clients need (conversion factors, shard count, the rule set and phase cut-off).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Ingest.CohortSettings")]
public sealed record CohortSettings(
    [property: Id(0)] double GlucoseFactor,
    [property: Id(1)] double InsulinFactor,
    [property: Id(2)] int Shards,
    [property: Id(3)] string RuleSet,
    [property: Id(4)] double PhaseCutoffHomaIr);
