using Cohort.Domain.Markers;

namespace Cohort.Domain.Indices;

/// <summary>The reasons an index gives when a fasting-sensitive input was not taken fasting, built once per marker.</summary>
internal static class FastingReasons
{
    public static readonly string[] NotFasting =
        MarkerCatalogue.All.Select(d => $"the {d.Code} sample was not taken fasting").ToArray();

    public static readonly string[] Unknown =
        MarkerCatalogue.All.Select(d => $"fasting status unknown: the {d.Code} sample is not marked fasting (declare fasting_default if the study's samples were fasting)").ToArray();
}
