namespace Cohort.Contracts.Queries;

/// <summary>
/// A survey-weighted proportion: with survey strata and PSUs, design-based (Taylor linearisation, Korn–Graubard interval, the NCHS
/// presentation standard); without them, a Wilson interval on Kish's effective sample size.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.WeightedView")]
public sealed record WeightedView(
    [property: Id(0)] double? Proportion,
    [property: Id(1)] double? Lower,
    [property: Id(2)] double? Upper,
    [property: Id(3)] double EffectiveN,
    [property: Id(4)] long? WithWeight)
{
    /// <summary>How the interval was formed, in words (design-based with its strata, PSUs and degrees of freedom, or Kish/Wilson).</summary>
    [Id(5)] public string Method { get; init; } = "Wilson on Kish's effective sample size (no survey design)";
    [Id(6)] public double? StandardError { get; init; }
    [Id(7)] public int? DegreesOfFreedom { get; init; }

    /// <summary>Whether NCHS's data-presentation standard for proportions lets the estimate be shown; if not, why.</summary>
    [Id(8)] public bool? Reliable { get; init; }
    [Id(9)] public string? Unreliable { get; init; }
    [Id(10)] public IReadOnlyList<string>? ReviewFlags { get; init; }

    /// <summary>The weighted proportion directly age-standardised (weights and standard in one estimate), design-based when a design exists.</summary>
    [Id(11)] public double? Standardised { get; init; }
    [Id(12)] public double? StandardisedLower { get; init; }
    [Id(13)] public double? StandardisedUpper { get; init; }
}
