using Cohort.Contracts.Queries;

namespace Cohort.Grains.Queries;

/// <summary>A shard's part of a distribution query: per stratum, the metric's counts, sums and sketch (merged by <see cref="DistributionMerge"/>).</summary>
internal static class DistributionKernel
{
    public static StrataDistribution Run(ShardScan scan, int metric)
    {
        var strata = new DistributionAccumulator?[scan.Strata];
        foreach (var (slot, k, stratum) in scan.Rows())
            (strata[stratum] ??= new DistributionAccumulator()).Add(scan.Metric(slot, k, metric), scan.State.RecordKey[slot]);
        var byLabel = new SortedDictionary<string, DistributionAccumulator>(StringComparer.Ordinal);
        for (var code = 0; code < strata.Length; code++)
            if (strata[code] is { } a)
            {
                var label = scan.StratumLabel(code);
                if (byLabel.TryGetValue(label, out var same)) same.Merge(a); else byLabel[label] = a;
            }
        var (without, withoutKey) = scan.WithoutVisit();
        return new StrataDistribution(byLabel.ToDictionary(kv => kv.Key, kv => kv.Value.Partial()), without) { WithoutVisitKey = withoutKey };
    }
}
