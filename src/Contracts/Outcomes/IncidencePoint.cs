namespace Cohort.Contracts.Outcomes;

/// <summary>
/// The cumulative incidence (Kaplan–Meier, 1 − S) at a whole number of years of follow-up, in percent with its 95% interval, and
/// those still at risk then (null when suppressed).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Outcomes.IncidencePoint")]
public sealed record IncidencePoint(
    [property: Id(0)] int Year,
    [property: Id(1)] long? AtRisk,
    [property: Id(2)] double Percent,
    [property: Id(3)] double? Lower,
    [property: Id(4)] double? Upper);
