namespace Cohort.Contracts.Queries;

/// <summary>
/// Filters: each list, when given, keeps the participants whose value is in it ("unknown" selects the unknown stratum). Category,
/// phase, OGTT curve shape and age band at the visit refer to the query's visit; the age band (at baseline) to the first visit. Ten-year age bands:
/// &lt;20, 20-29, …, 80+.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CohortFilter")]
public sealed record CohortFilter(
    [property: Id(0)] IReadOnlyList<string>? Sex = null,
    [property: Id(1)] IReadOnlyList<string>? AgeBand = null,
    [property: Id(2)] IReadOnlyList<string>? AgeBandAtVisit = null,
    [property: Id(3)] IReadOnlyList<string>? Ethnicity = null,
    [property: Id(4)] IReadOnlyList<string>? Site = null,
    [property: Id(5)] IReadOnlyList<string>? Category = null,
    [property: Id(6)] IReadOnlyList<string>? Phase = null,
    [property: Id(7)] IReadOnlyList<string>? Phenotype = null,
    [property: Id(8)] IReadOnlyList<string>? CurveShape = null)
{
    public static CohortFilter All { get; } = new();

    /// <summary>The ten-year age bands of filters and strata; "unknown" is a band of its own.</summary>
    public static IReadOnlyList<string> AgeBands { get; } = ["<20", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+"];

    public const string Unknown = "unknown";

    public IReadOnlyList<string>? For(Dimension d) => d switch
    {
        Dimension.Sex => Sex,
        Dimension.AgeBand => AgeBand,
        Dimension.AgeBandAtVisit => AgeBandAtVisit,
        Dimension.Ethnicity => Ethnicity,
        Dimension.Site => Site,
        Dimension.Category => Category,
        Dimension.Phase => Phase,
        Dimension.Phenotype => Phenotype,
        Dimension.CurveShape => CurveShape,
        _ => null,
    };
}
