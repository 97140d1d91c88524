using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;

namespace Cohort.Grains.Queries;

/// <summary>Strata across shards: merged in a fixed order, reported in the dimension's natural order (age bands by age, phases by severity), text alphabetically, unknown last.</summary>
internal static class StrataOrder
{
    public static IEnumerable<string> Sort(Dimension d, IEnumerable<string> labels)
    {
        var natural = d switch
        {
            Dimension.Sex => ["F", "M"],
            Dimension.AgeBand or Dimension.AgeBandAtVisit => ShardScan.AgeBands,
            Dimension.Category => Enum.GetValues<GlycaemicCategory>().Skip(1).Select(c => c.Code()).ToArray(),
            Dimension.Phase => Enum.GetValues<Phase>().Skip(1).Select(p => p.Code()).ToArray(),
            Dimension.Phenotype => Enum.GetValues<Phenotype>().Skip(1).Select(p => p.Code()).Append(Phenotype.Unclassified.Code()).ToArray(),
            Dimension.CurveShape => Enum.GetValues<CurveShape>().Skip(1).Select(p => p.Code()).ToArray(),
            _ => Array.Empty<string>(),
        };
        int Rank(string l) => Array.IndexOf(natural, l) is var i and >= 0 ? i : l == ShardScan.Unknown ? int.MaxValue : natural.Length;
        return labels.OrderBy(Rank).ThenBy(l => l, StringComparer.Ordinal);
    }

    /// <summary>
    /// Adds the shards' per-stratum partials into one accumulator per stratum and one for the total, in shard order and, within a
    /// shard, in label order (so sums come out the same on every run); returns the strata labels in report order.
    /// </summary>
    public static (string[] Labels, Dictionary<string, T> Strata, T Total) Merge<TPart, T>(IEnumerable<IReadOnlyDictionary<string, TPart>> shards,
        Dimension by, Action<T, TPart> add) where T : new()
    {
        var strata = new Dictionary<string, T>(StringComparer.Ordinal);
        var total = new T();
        foreach (var shard in shards)
            foreach (var (label, part) in shard.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (!strata.TryGetValue(label, out var m)) strata[label] = m = new T();
                add(m, part);
                add(total, part);
            }
        return (Sort(by, strata.Keys).ToArray(), strata, total);
    }
}
