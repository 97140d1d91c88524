namespace Cohort.Domain.Glycaemia;

/// <summary>The glycaemic category of a visit.</summary>
public enum GlycaemicCategory { Unknown, Normal, Prediabetes, Diabetes }
