
namespace Cohort.Domain.Markers;

/// <summary>Why a value was flagged or rejected; codes are stable and used in quarantine reports.</summary>
public readonly record struct PlausibilityResult(PlausibilityVerdict Verdict, string? Code, string? Message)
{
    public static PlausibilityResult Accepted { get; } = new(PlausibilityVerdict.Accept, null, null);
}
