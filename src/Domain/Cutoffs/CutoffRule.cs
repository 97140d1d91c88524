
namespace Cohort.Domain.Cutoffs;

/// <summary>How a registry row decides: HOMA-IR against its value, or a published rule that also uses BMI.</summary>
public enum CutoffRule { Threshold, Stern2005 }
