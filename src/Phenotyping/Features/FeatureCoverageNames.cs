namespace Cohort.Phenotyping.Features;

public static class FeatureCoverageNames
{
    public static string Code(this FeatureCoverage c) => c switch
    {
        FeatureCoverage.Complete => "clustered",
        FeatureCoverage.Reduced => "reduced feature set",
        FeatureCoverage.Unclassifiable => "unclassifiable",
        _ => "no feature visit",
    };
}
