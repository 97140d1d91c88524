namespace Cohort.Phenotyping.Features;

public static class TissueNames
{
    public static string Code(this Tissue t) => t switch { Tissue.Hepatic => "hepatic", Tissue.Muscle => "muscle", Tissue.Adipose => "adipose", _ => "none" };
}
