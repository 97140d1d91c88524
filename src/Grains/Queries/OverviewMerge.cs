using Cohort.Contracts.Ingest;
using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Markers;
using Cohort.Domain.Phases;
using Cohort.Domain.Visits;

namespace Cohort.Grains.Queries;

/// <summary>The cohort's overview from its shards' totals: exact totals, category and phase lines and flag counts as released.</summary>
internal static class OverviewMerge
{
    public static CohortOverview Merge(IReadOnlyList<ShardOverview> parts, RunSummary? lastRun, int shards, FactorsView factors, CountRelease release,
        MarkerRegistry? markers = null)
    {
        markers ??= MarkerRegistry.BuiltIn;
        var byMarker = new long[MarkerRegistry.LastStudyId + 1];
        var byCategory = new long[Enum.GetValues<GlycaemicCategory>().Length];
        var byPhase = new long[Enum.GetValues<Phase>().Length];
        var byFlag = new long[OverviewKernel.FlagBits];
        var (categoryKeys, phaseKeys, flagKeys) = (new uint[byCategory.Length], new uint[byPhase.Length], new uint[byFlag.Length]);
        static void Add(long[] into, uint[] keysInto, long[]? counts, uint[]? keys)
        {
            for (var i = 0; i < into.Length && i < (counts?.Length ?? 0); i++) into[i] += counts![i];
            for (var i = 0; i < keysInto.Length && i < (keys?.Length ?? 0); i++) keysInto[i] = unchecked(keysInto[i] + keys![i]);
        }
        foreach (var p in parts)
        {
            Add(byFlag, flagKeys, p.ParticipantsByBaselineFlag, p.FlagKeys);
            Add(byCategory, categoryKeys, p.ParticipantsByCategory, p.CategoryKeys);
            Add(byPhase, phaseKeys, p.ParticipantsByPhase, p.PhaseKeys);
            for (var i = 0; i < byMarker.Length && i < p.ObservationsByMarker.Length; i++) byMarker[i] += p.ObservationsByMarker[i];
        }
        var disclosure = release.Disclosure;
        return new CohortOverview
        {
            Participants = parts.Sum(p => p.Participants),
            Visits = parts.Sum(p => p.Visits),
            Observations = parts.Sum(p => p.Observations),
            ObservationsByMarker = markers.All.Where(d => byMarker[(int)d.Marker] > 0).ToDictionary(d => d.Code, d => byMarker[(int)d.Marker]),
            BaselineCategories = release.Line(Enum.GetValues<GlycaemicCategory>().Select(c => (c.Code(), byCategory[(int)c], categoryKeys[(int)c]))),
            BaselinePhases = release.Line(Enum.GetValues<Phase>().Select(p => (p.Code(), byPhase[(int)p], phaseKeys[(int)p]))),
            LastIngest = lastRun,
            Shards = shards,
            Factors = factors,
            BaselineFlags = VisitFlagNames.All.ToDictionary(f => f.Code, f =>
            {
                var bit = System.Numerics.BitOperations.Log2((uint)f.Flag);
                return release.Count(byFlag[bit], [flagKeys[bit]]);
            }),
            Disclosure = disclosure.Perturbed ? disclosure.Describe() + "; the cohort's totals of participants, visits and observations are exact" : disclosure.Describe(),
        };
    }
}
