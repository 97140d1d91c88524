using System.Globalization;
using Cohort.Domain.Data;
using Cohort.Domain.Indices;

namespace Cohort.Domain.Cutoffs;

/// <summary>The registry of published HOMA-IR cut-offs, loaded from the project's data file <c>Data/homa-ir-cutoffs.csv</c>.</summary>
public static class CutoffRegistry
{
    private static readonly Lazy<IReadOnlyList<HomaIrCutoff>> Rows = new(Load);

    public static IReadOnlyList<HomaIrCutoff> All => Rows.Value;

    /// <summary>The cut-offs that propose a threshold (the registry also records references that propose none).</summary>
    public static IEnumerable<HomaIrCutoff> WithThreshold => All.Where(c => c.Value is not null);

    public static HomaIrCutoff Get(string id) =>
        All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no HOMA-IR cut-off with id '{id}' in the registry");

    public static bool TryGet(string? id, out HomaIrCutoff cutoff)
    {
        cutoff = All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))!;
        return cutoff is not null;
    }

    private static IReadOnlyList<HomaIrCutoff> Load() =>
        EmbeddedCsv.Read("homa-ir-cutoffs.csv").Select(r => new HomaIrCutoff
        {
            Id = r["id"],
            Value = Number(r["cutoff"]),
            Index = r["index"],
            Population = r["population"],
            Region = r["region"],
            AgeGroup = r["age_group"],
            AgeMin = Number(r["age_min"]),
            AgeMax = Number(r["age_max"]),
            Sex = r["sex"] switch { "F" => Sex.Female, "M" => Sex.Male, _ => null },
            Condition = r["condition"],
            Derivation = r["derivation"],
            Citation = r["citation"],
            Status = r["status"],
            Inclusive = r["operator"] switch { ">=" => true, ">" => false, var o => throw Bad(r, "operator", o) },
            DerivedWithoutDiabetes = r["without_diabetes"] switch { "yes" => true, "no" => false, "" => null, var o => throw Bad(r, "without_diabetes", o) },
            FastingGlucoseMaxMgDl = Number(r["fpg_max_mgdl"]),
            Rule = r["rule"] switch { "" => CutoffRule.Threshold, "stern-2005" => CutoffRule.Stern2005, var o => throw Bad(r, "rule", o) },
        }).ToArray();

    private static InvalidOperationException Bad(IReadOnlyDictionary<string, string> row, string column, string value) =>
        new($"homa-ir-cutoffs.csv row '{row["id"]}': {column} '{value}' is not understood");

    private static double? Number(string s) => s.Length == 0 ? null : double.Parse(s, CultureInfo.InvariantCulture);
}
