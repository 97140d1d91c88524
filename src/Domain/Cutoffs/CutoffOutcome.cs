
namespace Cohort.Domain.Cutoffs;

/// <summary>Where one visit falls under one cut-off; only <see cref="Below"/> and <see cref="AtOrAbove"/> enter a prevalence.</summary>
public enum CutoffOutcome { NotApplicable, Undetermined, Below, AtOrAbove }
