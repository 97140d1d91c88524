namespace Cohort.Phenotyping.Features;

/// <summary>The three tissues whose insulin resistance the phenotypes tell apart.</summary>
public enum Tissue : byte { Hepatic, Muscle, Adipose }

public static class TissueNames
{
    public static string Code(this Tissue t) => t switch { Tissue.Hepatic => "hepatic", Tissue.Muscle => "muscle", _ => "adipose" };
}
