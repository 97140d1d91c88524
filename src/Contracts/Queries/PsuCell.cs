namespace Cohort.Contracts.Queries;

/// <summary>One survey PSU's weighted cases and weighted total at one age (index as <see cref="AgeCounts"/>), and how many units.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.PsuCell")]
public readonly record struct PsuCell(
    [property: Id(0)] string Stratum,
    [property: Id(1)] string Psu,
    [property: Id(2)] int Age,
    [property: Id(3)] double WeightedCases,
    [property: Id(4)] double WeightedTotal,
    [property: Id(5)] int Units);
