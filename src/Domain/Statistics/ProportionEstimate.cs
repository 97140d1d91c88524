namespace Cohort.Domain.Statistics;

/// <summary>A proportion with its confidence interval and the method that produced it.</summary>
public readonly record struct ProportionEstimate(long Successes, long Total, double Proportion, double Lower, double Upper, IntervalMethod Method, double Confidence);
