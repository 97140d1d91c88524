namespace Cohort.Domain.Markers;

/// <summary>
/// Engineering limits in the marker's canonical unit (docs/science.md#plausibility-limits). Outside the reject range a value is impossible or almost surely
/// a unit error; outside the flag range it is possible but rare and worth a review. Fasting and OGTT flags apply in those contexts only.
/// </summary>
public sealed record PlausibilityLimits(
    double RejectBelow,
    double RejectAbove,
    double? FlagBelow = null,
    double? FlagAbove = null,
    double? FastingFlagBelow = null,
    double? FastingFlagAbove = null,
    double? OgttFlagAbove = null,
    bool RejectAtLowerBound = false)
{
    /// <summary>True when the value is below the reject floor (or at it, for markers such as insulin where zero is impossible).</summary>
    public bool IsBelowRejectFloor(double value) => RejectAtLowerBound ? value <= RejectBelow : value < RejectBelow;
}
