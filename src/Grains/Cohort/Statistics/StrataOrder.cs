using Cohort.Contracts.Cohort;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;

namespace Cohort.Grains.Cohort.Statistics;

/// <summary>The order strata are reported in: the dimension's natural order (age bands by age, phases by severity), text alphabetically, unknown last.</summary>
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
            _ => Array.Empty<string>(),
        };
        int Rank(string l) => Array.IndexOf(natural, l) is var i and >= 0 ? i : l == ShardScan.Unknown ? int.MaxValue : natural.Length;
        return labels.OrderBy(Rank).ThenBy(l => l, StringComparer.Ordinal);
    }
}
