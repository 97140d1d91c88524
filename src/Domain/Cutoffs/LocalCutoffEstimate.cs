namespace Cohort.Domain.Cutoffs;

/// <summary>One locally derived cut-off: a percentile of HOMA-IR in the reference subgroup with its bootstrap 95% CI.</summary>
public sealed record LocalCutoffEstimate(double Percentile, double Value, double Lower, double Upper);
