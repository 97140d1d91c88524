namespace Cohort.Contracts.Outcomes;

/// <summary>
/// One stratum's follow-up for an event: participants and events as released (null when suppressed), person-years, the incidence
/// rate per 1,000 person-years with its exact interval, the cumulative incidence curve at yearly points, and the rate ratio against
/// the reference stratum adjusted for sex, age band and baseline glycaemic category (null for the reference, or when not estimable).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Outcomes.OutcomeRow")]
public sealed record OutcomeRow
{
    [Id(0)] public required string Stratum { get; init; }
    [Id(1)] public required long? Participants { get; init; }
    [Id(2)] public required long? Events { get; init; }
    /// <summary>Person-years as released (null when the stratum is suppressed; noisy in a perturbed view).</summary>
    [Id(3)] public required double? PersonYears { get; init; }
    [Id(4)] public required double? Rate { get; init; }
    [Id(5)] public required double? RateLower { get; init; }
    [Id(6)] public required double? RateUpper { get; init; }
    [Id(7)] public required IReadOnlyList<IncidencePoint> Curve { get; init; }
    [Id(8)] public double? RateRatio { get; init; }
    [Id(9)] public double? RateRatioLower { get; init; }
    [Id(10)] public double? RateRatioUpper { get; init; }
    [Id(11)] public bool Reference { get; init; }
}
