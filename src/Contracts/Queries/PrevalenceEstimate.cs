namespace Cohort.Contracts.Queries;

/// <summary>One stratum's prevalence: crude with its interval, age-standardised, and weighted when weights are present.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.PrevalenceEstimate")]
public sealed record PrevalenceEstimate(
    [property: Id(0)] string Stratum,
    [property: Id(1)] long? Cases,
    [property: Id(2)] long? Total,
    [property: Id(3)] double? Proportion,
    [property: Id(4)] double? Lower,
    [property: Id(5)] double? Upper,
    [property: Id(6)] bool Suppressed,
    [property: Id(7)] StandardisedView? AgeStandardised,
    [property: Id(8)] WeightedView? Weighted);
