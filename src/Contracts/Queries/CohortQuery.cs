using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cohort.Contracts.Queries;

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
