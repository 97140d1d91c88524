using Cohort.Contracts.Queries;
using Cohort.Domain.Cutoffs;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Grains.Queries;

/// <summary>
/// A shard's part of the HOMA-IR cut-off comparison: per stratum, visits with HOMA-IR, and for each registry cut-off the visits it
/// applies to and those it calls insulin resistant, with their cell keys (merged by <see cref="CutoffMerge"/>).
/// </summary>
internal static class CutoffKernel
{
    public static CutoffCounts Run(ShardScan scan, IReadOnlyList<HomaIrCutoff> cutoffs, ConversionFactors factors)
    {
        var defined = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var applicable = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var above = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var definedKeys = new Dictionary<string, uint>(StringComparer.Ordinal);
        var applicableKeys = new Dictionary<string, uint[]>(StringComparer.Ordinal);
        var aboveKeys = new Dictionary<string, uint[]>(StringComparer.Ordinal);
        foreach (var (slot, k, code) in scan.Rows())
        {
            static double? Known(double x) => double.IsNaN(x) ? null : x;
            var homa = Known(scan.Metric(slot, k, ShardScan.HomaIrPosition));
            var glucose = Known(scan.Metric(slot, k, (int)Marker.Glucose));
            var subject = new CutoffSubject((Sex)scan.State.Sex[slot], Known(scan.AgeAt(slot, k)), homa, Known(scan.Metric(slot, k, (int)Marker.Bmi)),
                glucose is { } g ? factors.GlucoseToMgDl(g) : null, scan.CategoryAt(slot, k) == GlycaemicCategory.Diabetes);
            var stratum = scan.StratumLabel(code);
            var key = scan.State.RecordKey[slot];
            if (homa is not null)
            {
                defined[stratum] = defined.GetValueOrDefault(stratum) + 1;
                definedKeys[stratum] = unchecked(definedKeys.GetValueOrDefault(stratum) + key);
            }
            if (!above.TryGetValue(stratum, out var cases))
            {
                above[stratum] = cases = new long[cutoffs.Count];
                applicable[stratum] = new long[cutoffs.Count];
                aboveKeys[stratum] = new uint[cutoffs.Count];
                applicableKeys[stratum] = new uint[cutoffs.Count];
            }
            var totals = applicable[stratum];
            for (var t = 0; t < cutoffs.Count; t++)
            {
                var outcome = cutoffs[t].Classify(subject);
                if (outcome is CutoffOutcome.Below or CutoffOutcome.AtOrAbove)
                {
                    totals[t]++;
                    applicableKeys[stratum][t] = unchecked(applicableKeys[stratum][t] + key);
                }
                if (outcome == CutoffOutcome.AtOrAbove)
                {
                    cases[t]++;
                    aboveKeys[stratum][t] = unchecked(aboveKeys[stratum][t] + key);
                }
            }
        }
        return new CutoffCounts(defined, above, scan.WithoutVisit().Count, applicable)
        {
            DefinedKeys = definedKeys,
            ApplicableKeys = applicableKeys,
            AtOrAboveKeys = aboveKeys,
        };
    }
}
