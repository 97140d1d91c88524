namespace Cohort.Domain.Statistics;

/// <summary>An event rate per <see cref="Per"/> person-years with its exact (Garwood) confidence interval.</summary>
public sealed record RateEstimate(long Events, double PersonYears, double Per, double? Rate, double? Lower, double? Upper, string Method);
