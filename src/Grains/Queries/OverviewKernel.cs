using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Markers;
using Cohort.Domain.Phases;
using Cohort.Grains.Shards;

namespace Cohort.Grains.Queries;

/// <summary>
/// A shard's totals: participants, visits, observations (and by marker), and participants by baseline category, phase and flag with
/// their keys (merged by <see cref="OverviewMerge"/>).
/// </summary>
internal static class OverviewKernel
{
    public const int FlagBits = 16;

    public static ShardOverview Run(ShardState s)
    {
        var byMarker = new long[Math.Max(MarkerCatalogue.All.Count, s.ObservationsByMarker.Length)];
        var byCategory = new long[Enum.GetValues<GlycaemicCategory>().Length];
        var byPhase = new long[Enum.GetValues<Phase>().Length];
        var byFlag = new long[FlagBits];
        var categoryKeys = new uint[byCategory.Length];
        var phaseKeys = new uint[byPhase.Length];
        var flagKeys = new uint[byFlag.Length];
        long visits = 0, observations = 0;
        for (var i = 0; i < s.Count; i++)
        {
            visits += s.Visits[i];
            observations += s.Observations[i];
            var key = s.RecordKey[i];
            int category = 0, phase = 0;
            if (s.Visits[i] > 0 && s.ByVisit.Count > 0)
            {
                (category, phase) = (s.ByVisit[0].Category[i], s.ByVisit[0].Phase[i]);
                for (int f = s.ByVisit[0].Flags[i], bit = 0; f != 0; f >>= 1, bit++)
                    if ((f & 1) != 0)
                    {
                        byFlag[bit]++;
                        flagKeys[bit] = unchecked(flagKeys[bit] + key);
                    }
            }
            byCategory[category]++;
            byPhase[phase]++;
            categoryKeys[category] = unchecked(categoryKeys[category] + key);
            phaseKeys[phase] = unchecked(phaseKeys[phase] + key);
        }
        for (var m = 0; m < byMarker.Length && m < s.ObservationsByMarker.Length; m++)
            for (var i = 0; i < s.Count; i++) byMarker[m] += s.ObservationsByMarker[m][i];
        return new ShardOverview(s.Count, visits, observations, byMarker, byCategory, byPhase, byFlag)
        {
            CategoryKeys = categoryKeys,
            PhaseKeys = phaseKeys,
            FlagKeys = flagKeys,
        };
    }
}
