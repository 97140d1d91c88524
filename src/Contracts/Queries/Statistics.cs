namespace Cohort.Contracts.Queries;

/// <summary>
/// Where a result comes from, so that it can be reproduced: the data version (the latest ingest run it includes), the query's
/// canonical hash, the conversion factors, rule set, phase cut-off and phenotype model in force, and the suppression threshold.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.Provenance")]
public sealed record Provenance(
    [property: Id(0)] string DataVersion,
    [property: Id(1)] string QueryHash,
    [property: Id(2)] double GlucoseFactor,
    [property: Id(3)] double InsulinFactor,
    [property: Id(4)] string RuleSet,
    [property: Id(5)] string PhaseCutoff,
    [property: Id(6)] string ModelVersion,
    [property: Id(7)] int SuppressionThreshold);

/// <summary>A histogram bin whose count is null when suppressed (1 to threshold − 1, or its complement).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ReleasedBin")]
public sealed record ReleasedBin([property: Id(0)] double From, [property: Id(1)] double To, [property: Id(2)] long? Count);

/// <summary>One stratum's distribution; everything is null and <see cref="Suppressed"/> true when its n may not be released.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StratumDistribution")]
public sealed record StratumDistribution(
    [property: Id(0)] string Stratum,
    [property: Id(1)] long? N,
    [property: Id(2)] long? Missing,
    [property: Id(3)] double? Mean,
    [property: Id(4)] double? Sd,
    [property: Id(5)] IReadOnlyDictionary<string, double>? Percentiles,
    [property: Id(6)] IReadOnlyList<ReleasedBin>? Histogram,
    [property: Id(7)] bool Suppressed);

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StratifiedDistribution")]
public sealed record StratifiedDistribution(
    [property: Id(0)] string Metric,
    [property: Id(1)] string Name,
    [property: Id(2)] string Unit,
    [property: Id(3)] string Visit,
    [property: Id(4)] string StrataBy,
    [property: Id(5)] StratumDistribution Total,
    [property: Id(6)] IReadOnlyList<StratumDistribution> Strata,
    [property: Id(7)] bool LogBins,
    [property: Id(8)] IReadOnlyList<CaveatView> Caveats,
    [property: Id(9)] long? WithoutVisit,
    [property: Id(10)] Provenance Provenance)
{
    /// <summary>"exact" (epidemiologists) or how the numbers were perturbed (the cell key method, for anonymous and analyst views).</summary>
    [Id(11)] public string Disclosure { get; init; } = "exact";
}

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StandardisedView")]
public sealed record StandardisedView(
    [property: Id(0)] string Standard,
    [property: Id(1)] double? Proportion,
    [property: Id(2)] double? Lower,
    [property: Id(3)] double? Upper,
    [property: Id(4)] string AgeRange,
    [property: Id(5)] string? UndefinedReason);

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

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.PrevalenceResult")]
public sealed record PrevalenceResult(
    [property: Id(0)] string Condition,
    [property: Id(1)] string Visit,
    [property: Id(2)] string StrataBy,
    [property: Id(3)] string Method,
    [property: Id(4)] string Standard,
    [property: Id(5)] PrevalenceEstimate Total,
    [property: Id(6)] IReadOnlyList<PrevalenceEstimate> Strata,
    [property: Id(7)] long? Undetermined,
    [property: Id(8)] long? WithoutVisit,
    [property: Id(9)] Provenance Provenance)
{
    /// <summary>
    /// The survey weight behind the weighted estimates: "examination" (survey_weight), "fasting subsample" (survey_weight_fasting, for a
    /// condition that rests on a fasting analyte when the cohort has such weights), or "none".
    /// </summary>
    [Id(10)] public string Weight { get; init; } = "none";

    /// <summary>"exact" (epidemiologists) or how the counts were perturbed (the cell key method, for anonymous and analyst views).</summary>
    [Id(11)] public string Disclosure { get; init; } = "exact";
}

/// <summary>
/// Insulin resistance under one registry cut-off in the filtered cohort, with provenance and applicability: the denominator
/// (<see cref="Total"/>) is the visits the cut-off applies to (its sex, ages, outside the diabetes range when derived without
/// diabetes, its glucose ceiling) and can decide.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CutoffPrevalence")]
public sealed record CutoffPrevalence(
    [property: Id(0)] string Id,
    [property: Id(1)] double Value,
    [property: Id(2)] string Population,
    [property: Id(3)] string AgeGroup,
    [property: Id(4)] string? Sex,
    [property: Id(5)] string Derivation,
    [property: Id(6)] string Citation,
    [property: Id(7)] string Applies,
    [property: Id(8)] IReadOnlyList<string> ApplicabilityReasons,
    [property: Id(9)] long? Cases,
    [property: Id(10)] long? Total,
    [property: Id(11)] double? Proportion,
    [property: Id(12)] double? Lower,
    [property: Id(13)] double? Upper)
{
    /// <summary>The conditions applied per visit (the rule, sex, ages, outside the diabetes range, a glucose ceiling).</summary>
    [Id(14)] public IReadOnlyList<string> AppliedConditions { get; init; } = [];

    /// <summary>What the source restricts that could not be checked, or does not say.</summary>
    [Id(15)] public IReadOnlyList<string> UncheckedConditions { get; init; } = [];

    /// <summary>Visits with HOMA-IR known that the cut-off does not apply to or cannot decide (outside its conditions); suppressed when small.</summary>
    [Id(16)] public long? NotCounted { get; init; }
}

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.LocalCutoffView")]
public sealed record LocalCutoffView(
    [property: Id(0)] string Group,
    [property: Id(1)] long? N,
    [property: Id(2)] double Percentile,
    [property: Id(3)] double? Value,
    [property: Id(4)] double? Lower,
    [property: Id(5)] double? Upper,
    [property: Id(6)] string? UndefinedReason);

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CutoffSensitivity")]
public sealed record CutoffSensitivity(
    [property: Id(0)] string Visit,
    [property: Id(1)] IReadOnlyList<CutoffPrevalence> Registry,
    [property: Id(2)] IReadOnlyList<LocalCutoffView> Local,
    [property: Id(3)] IReadOnlyList<string> ReferenceCriteria,
    [property: Id(4)] string LocalMethod,
    [property: Id(5)] PrevalenceResult PhasesUnderChosenCutoff,
    [property: Id(6)] IReadOnlyList<CaveatView> Caveats,
    [property: Id(7)] Provenance Provenance)
{
    /// <summary>"exact" (epidemiologists) or how the registry counts were perturbed (the cell key method, for anonymous and analyst views).</summary>
    [Id(8)] public string Disclosure { get; init; } = "exact";
}

/// <summary>A transition matrix (from-state rows × to-state columns; null cells suppressed) with progression incidence.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.TransitionTable")]
public sealed record TransitionTable(
    [property: Id(0)] string Group,
    [property: Id(1)] IReadOnlyList<string> States,
    [property: Id(2)] IReadOnlyList<IReadOnlyList<long?>> Counts,
    [property: Id(3)] long? AtRisk,
    [property: Id(4)] long? Progressions,
    [property: Id(5)] double PersonYears,
    [property: Id(6)] double? RatePer1000,
    [property: Id(7)] double? Lower,
    [property: Id(8)] double? Upper)
{
    /// <summary>Cells hidden only to protect a small cell in their row or column (not small themselves), by row and column.</summary>
    [Id(9)] public IReadOnlyList<IReadOnlyList<bool>>? Complement { get; init; }

    /// <summary>Progression out of each starting state, raw and confirmed, with regressions and interval-censored person-time.</summary>
    [Id(10)] public IReadOnlyList<ProgressionRow>? FromStates { get; init; }
}

/// <summary>
/// Progression out of one starting state between two visits. <see cref="Confirmed"/> progressions are those the next visit repeats,
/// or whose driving marker changed beyond its minimum detectable change, or that a new diagnosis records; the confirmed rate puts
/// each at the midpoint of its interval (interval-censored person-time) and counts unconfirmed moves as not having happened. The raw
/// rate counts every move, also at the midpoint. Regressions (moves to a better state) are shown as such: most are noise.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ProgressionRow")]
public sealed record ProgressionRow(
    [property: Id(0)] string State,
    [property: Id(1)] long? AtRisk,
    [property: Id(2)] long? Progressions,
    [property: Id(3)] long? Confirmed,
    [property: Id(4)] long? Regressions,
    [property: Id(5)] long? ConfirmedRegressions,
    [property: Id(6)] double PersonYears,
    [property: Id(7)] double? RatePer1000,
    [property: Id(8)] double? Lower,
    [property: Id(9)] double? Upper,
    [property: Id(10)] double? RawRatePer1000);

/// <summary>
/// Progression net of misclassification: a progressive hidden Markov model fitted to every kept participant's states over all their
/// visits. Rates out of each state per 1,000 person-years with bootstrap 95% intervals, the per-interval transition matrix and the
/// misclassification matrix (row: true state, column: observed), the assumptions, or why it could not be fitted.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ProgressionModelView")]
public sealed record ProgressionModelView(
    [property: Id(0)] IReadOnlyList<string> States,
    [property: Id(1)] IReadOnlyList<double?> RatesPer1000,
    [property: Id(2)] IReadOnlyList<double?> Lower,
    [property: Id(3)] IReadOnlyList<double?> Upper,
    [property: Id(4)] IReadOnlyList<IReadOnlyList<double>> Transition,
    [property: Id(5)] IReadOnlyList<IReadOnlyList<double>> Misclassification,
    [property: Id(6)] double MeanIntervalYears,
    [property: Id(7)] long? Participants,
    [property: Id(8)] string Assumptions,
    [property: Id(9)] bool Converged,
    [property: Id(10)] int Resamples,
    [property: Id(11)] string? UndefinedReason);

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.TransitionResult")]
public sealed record TransitionResult(
    [property: Id(0)] string Kind,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] TransitionTable Overall,
    [property: Id(4)] IReadOnlyList<TransitionTable> ByPhenotype,
    [property: Id(5)] long? WithoutBothVisits,
    [property: Id(6)] string RateMethod,
    [property: Id(7)] Provenance Provenance)
{
    /// <summary>"exact", or how the counts, person-years and rates were perturbed (cell key method).</summary>
    [Id(8)] public string Disclosure { get; init; } = "exact";

    /// <summary>Progression net of misclassification (a hidden Markov model over all visits), beside the raw and confirmed counts.</summary>
    [Id(9)] public ProgressionModelView? Model { get; init; }
}
