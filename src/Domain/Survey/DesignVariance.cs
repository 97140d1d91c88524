namespace Cohort.Domain.Survey;

/// <summary>A design-based variance with its degrees of freedom and the strata it could not use.</summary>
public sealed record DesignVariance(double Variance, int DegreesOfFreedom, IReadOnlyList<string> SinglePsuStrata);
