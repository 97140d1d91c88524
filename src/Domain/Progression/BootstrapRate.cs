namespace Cohort.Domain.Progression;

/// <summary>A rate out of one state with its bootstrap percentile interval.</summary>
public readonly record struct BootstrapRate(double Rate, double Lower, double Upper, int Resamples);
