namespace Cohort.Domain.Survey;

/// <summary>One PSU's total of a linearised variable (the influence of its units on the estimate).</summary>
public readonly record struct PsuScore(string Stratum, string Psu, double U, long Units);
