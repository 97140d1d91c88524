namespace Cohort.Phenotyping.Features;

/// <summary>The three tissues whose insulin resistance the phenotypes tell apart.</summary>
public enum Tissue : byte { Hepatic, Muscle, Adipose }
