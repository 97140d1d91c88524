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

    /// <summary>The filters in words, "all participants" when there are none: "sex F; age band 40-49".</summary>
    public string Describe()
    {
        var parts = Parts().Select(p => $"{p.Name.Replace('_', ' ')} {string.Join(", ", p.Values)}").ToArray();
        return parts.Length == 0 ? "all participants" : string.Join("; ", parts);
    }

    /// <summary>The filters for a file name, letters, digits and '-' only, "" when there are none: "sex-F_age_band-40-49+50-59" (&lt; and + spelt "under" and "plus").</summary>
    public string Slug() => string.Join("_", Parts().Select(p => p.Name + "-" + string.Join("+", p.Values.Select(Safe))));

    /// <summary>The given filters, in the order of the parameters that set them.</summary>
    public IEnumerable<(string Name, IReadOnlyList<string> Values)> Parts()
    {
        foreach (var (name, dimension) in DimensionNames.ByName)
            if (For(dimension) is { Count: > 0 } values) yield return (name, values);
    }

    private static string Safe(string value) =>
        string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c.ToString() : c == '<' ? "under" : c == '+' ? "plus" : "-"));
}
