using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;
using Cohort.Domain.Statistics;
using Cohort.Grains.Shards;

namespace Cohort.Grains.Queries;

/// <summary>
/// A shard's part of a prevalence query: per stratum, cases and participants by age with their keys and survey-weighted sums, those
/// whose status is undetermined, and the design's PSUs (merged by <see cref="PrevalenceMerge"/>).
/// </summary>
internal static class PrevalenceKernel
{
    public static StrataCounts Run(ShardScan scan, Condition condition, StandardPopulation standard)
    {
        var s = scan.State;
        var strata = new SortedDictionary<string, PrevalenceCell>(StringComparer.Ordinal);
        var byCode = new PrevalenceCell?[scan.Strata];
        var bandOfAge = Enumerable.Range(0, AgeCounts.UnknownAge + 1).Select(a => a == AgeCounts.UnknownAge ? -1 : standard.BandIndex(a)).ToArray();
        var design = new ShardDesign(s);
        long undetermined = 0;
        var undeterminedKey = 0u;
        foreach (var (slot, k, stratum) in scan.Rows())
        {
            if (Status(scan, condition, slot, k) is not { } isCase)
            {
                undetermined++;
                undeterminedKey = unchecked(undeterminedKey + s.RecordKey[slot]);
                continue;
            }
            if (byCode[stratum] is not { } cell)
            {
                var label = scan.StratumLabel(stratum);
                if (!strata.TryGetValue(label, out cell)) strata[label] = cell = new PrevalenceCell(bandOfAge, standard.Bands.Count, design.Pairs.Length);
                byCode[stratum] = cell;
            }
            cell.Add(scan.AgeAt(slot, k), isCase, s.RecordKey[slot], s.SurveyWeight[slot], s.FastingSurveyWeight[slot], design.PairOf[slot]);
        }
        var (without, withoutKey) = scan.WithoutVisit();
        return new StrataCounts(strata.ToDictionary(kv => kv.Key, kv => kv.Value.Counts(design)), without, undetermined)
        {
            WithoutVisitKey = withoutKey,
            UndeterminedKey = undeterminedKey,
            DesignPsus = design.Psus(),
            Standard = standard.Name,
        };
    }

    /// <summary>Whether a participant's visit is a case of the condition, or null when it cannot be told.</summary>
    private static bool? Status(ShardScan scan, Condition condition, int slot, int k) => condition.Kind switch
    {
        ConditionKind.Phase => scan.PhaseAt(slot, k) is var p && p == Phase.Unknown ? null : p.Code() == condition.Code,
        ConditionKind.Category => scan.CategoryAt(slot, k) is var c && c == GlycaemicCategory.Unknown ? null : c.Code() == condition.Code,
        ConditionKind.Phenotype => (Phenotype)scan.State.Phenotype[slot] is var f && f == Phenotype.Unclassified ? null : PhenotypeNames.Code(f) == condition.Code,
        ConditionKind.CurveShape => (CurveShape)scan.Code(Dimension.CurveShape, slot, k) is var s && s == CurveShape.Unknown ? null : s.Code() == condition.Code,
        _ => scan.Metric(slot, k, condition.Metric) is var x && float.IsNaN(x) ? null : x >= condition.Threshold,
    };
}
