namespace Cohort.Domain.Outcomes;

/// <summary>One row of a Poisson model: its covariate values (the design row, without the intercept), events and person-time.</summary>
public sealed record PoissonCell(double[] Covariates, double Events, double PersonYears);
