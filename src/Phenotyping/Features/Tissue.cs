namespace Cohort.Phenotyping.Features;

/// <summary>
/// The three tissues whose insulin resistance the phenotypes tell apart, and <see cref="None"/> for a feature a study chose that maps
/// to no tissue (age, HbA1c, a study's own marker): a model with such a feature numbers its clusters instead of labelling them.
/// </summary>
public enum Tissue : byte { Hepatic, Muscle, Adipose, None }
