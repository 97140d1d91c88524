using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cohort.Contracts.Queries;

public enum VisitKind : byte { Baseline = 0, Latest = 1, Number = 2, FirstOgtt = 3 }

/// <summary>
/// Which visit of each participant a query looks at: the first, the latest, visit number N, or the first visit with an OGTT (a 2-h
/// glucose); participants without such a visit are left out.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.VisitChoice")]
public readonly record struct VisitChoice([property: Id(0)] VisitKind Kind, [property: Id(1)] int Number = 0)
{
    public static VisitChoice Baseline => new(VisitKind.Baseline);
    public static VisitChoice Latest => new(VisitKind.Latest);
    public static VisitChoice Visit(int number) => new(VisitKind.Number, number);
    public static VisitChoice FirstOgtt => new(VisitKind.FirstOgtt);

    public string Label => Kind switch
    {
        VisitKind.Baseline => "baseline",
        VisitKind.Latest => "latest",
        VisitKind.FirstOgtt => "first visit with an OGTT",
        _ => $"visit {Number}",
    };

    /// <summary>The parameter spelling: baseline, latest, first-ogtt or the number.</summary>
    public string Code => Kind switch
    {
        VisitKind.Baseline => "baseline",
        VisitKind.Latest => "latest",
        VisitKind.FirstOgtt => "first-ogtt",
        _ => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>What a query is stratified by. Every dimension has an explicit "unknown" stratum, so strata always sum to the total.</summary>
public enum Dimension : byte { None = 0, Sex, AgeBand, AgeBandAtVisit, Ethnicity, Site, Category, Phase, Phenotype }

/// <summary>
/// Filters: each list, when given, keeps the participants whose value is in it ("unknown" selects the unknown stratum). Category,
/// phase and age band at the visit refer to the query's visit; the age band (at baseline) to the first visit. Ten-year age bands:
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
    [property: Id(7)] IReadOnlyList<string>? Phenotype = null)
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
        _ => null,
    };
}

/// <summary>
/// The common part of every statistics query: filters, the visit, what to stratify by, and the HOMA-IR cut-off at or above which a
/// normoglycaemic visit counts as compensated (phases depend on it, so it is part of the query).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CohortQuery")]
public sealed record CohortQuery(
    [property: Id(0)] CohortFilter Filter,
    [property: Id(1)] VisitChoice Visit,
    [property: Id(2)] Dimension StrataBy,
    [property: Id(3)] double PhaseCutoffHomaIr)
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>A canonical text of the query (lists sorted, names fixed) and its SHA-256: equal queries hash equally.</summary>
    public string Hash(string kind, params object?[] parameters)
    {
        static string[]? Sorted(IReadOnlyList<string>? l) => l?.Select(x => x.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var f = Filter;
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            kind, Sorted(f.Sex), Sorted(f.AgeBand), Sorted(f.AgeBandAtVisit), Sorted(f.Ethnicity), Sorted(f.Site), Sorted(f.Category),
            Sorted(f.Phase), Sorted(f.Phenotype), Visit.Label, StrataBy.ToString(), PhaseCutoffHomaIr, parameters,
        }, Canonical);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
