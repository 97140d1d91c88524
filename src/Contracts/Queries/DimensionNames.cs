namespace Cohort.Contracts.Queries;

/// <summary>The spellings of a dimension in the API's <c>by=</c> and the CLI's <c>--by</c>.</summary>
public static class DimensionNames
{
    public static IReadOnlyDictionary<string, Dimension> ByName { get; } = new Dictionary<string, Dimension>(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = Dimension.None, ["sex"] = Dimension.Sex, ["age_band"] = Dimension.AgeBand, ["age_band_at_visit"] = Dimension.AgeBandAtVisit,
        ["ethnicity"] = Dimension.Ethnicity, ["site"] = Dimension.Site, ["category"] = Dimension.Category, ["phase"] = Dimension.Phase,
        ["phenotype"] = Dimension.Phenotype, ["curve_shape"] = Dimension.CurveShape,
    };
}
