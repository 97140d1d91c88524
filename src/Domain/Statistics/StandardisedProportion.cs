
namespace Cohort.Domain.Statistics;

/// <summary>A directly age-standardised proportion, or the reason it cannot be computed.</summary>
public sealed record StandardisedProportion(
    string Standard,
    double? Proportion,
    double? Lower,
    double? Upper,
    string AgeRange,
    IReadOnlyList<string> BandsUsed,
    string? UndefinedReason);
