using Cohort.Contracts.Queries;
using Cohort.Domain.Phenotypes;

namespace Cohort.Grains.Queries;

/// <summary>A shard's participants per (stratum, phenotype ordinal) with their keys (merged by <see cref="PhenotypeTableMerge"/>).</summary>
internal static class PhenotypeTableKernel
{
    public static StrataPhenotypeCounts Run(ShardScan scan)
    {
        var phenotypes = Enum.GetValues<Phenotype>().Length;
        var strata = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        var keys = new Dictionary<string, uint[]>(StringComparer.Ordinal);
        foreach (var (slot, _, stratum) in scan.Rows())
        {
            var label = scan.StratumLabel(stratum);
            if (!strata.TryGetValue(label, out var row))
            {
                strata[label] = row = new long[phenotypes];
                keys[label] = new uint[phenotypes];
            }
            var p = scan.State.Phenotype[slot];
            row[p]++;
            keys[label][p] = unchecked(keys[label][p] + scan.State.RecordKey[slot]);
        }
        var (without, withoutKey) = scan.WithoutVisit();
        return new StrataPhenotypeCounts(strata, without) { Keys = keys, WithoutVisitKey = withoutKey };
    }
}
