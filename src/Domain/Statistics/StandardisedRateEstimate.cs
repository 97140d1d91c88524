namespace Cohort.Domain.Statistics;

/// <summary>A directly standardised rate (per unit of exposure) with its gamma interval and Poisson standard error.</summary>
public readonly record struct StandardisedRateEstimate(double Rate, double Lower, double Upper, double StandardError);
