namespace Cohort.Contracts.Queries;

/// <summary>
/// One survey PSU's weighted cases and weighted total in one age band of the query's standard population (the band's index; −1 for
/// an unknown age or one outside the standard's bands, and for a bare PSU of the design), and how many units. Id 2 was the age in whole
/// years until December 2026 and is not reused.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.PsuCell")]
public readonly record struct PsuCell(
    [property: Id(0)] string Stratum,
    [property: Id(1)] string Psu,
    [property: Id(6)] int Band,
    [property: Id(3)] double WeightedCases,
    [property: Id(4)] double WeightedTotal,
    [property: Id(5)] int Units);
