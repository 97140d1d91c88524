namespace Cohort.Phenotyping.Modelling;

/// <summary>What a fit is doing now, for a progress display: the step in words and how far through it (units of <see cref="Total"/>).</summary>
public sealed record FitStep(string Name, int Done, int Total);
