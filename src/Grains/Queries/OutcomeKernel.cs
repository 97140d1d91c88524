using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Outcomes;
using Cohort.Domain.Visits;
using Cohort.Grains.Shards;

namespace Cohort.Grains.Queries;

/// <summary>
/// A shard's follow-up for one event. Each participant the filters keep enters at the baseline visit and leaves at the event's first
/// date, at death (which ends follow-up for every other event: treated as censoring), or at last contact (the later of the last visit
/// and the last event of any kind): censored then. A participant already having the event at baseline was not at risk (prevalent) and
/// is counted apart: an event dated on or before the baseline visit, or for a diabetes diagnosis a baseline visit with diagnosed
/// diabetes, for insulin start one under insulin. Person-time goes into cells of stratum × sex × age band at baseline × baseline
/// glycaemic category (merged by <see cref="OutcomeMerge"/>); events and censorings by day of follow-up, with their people's record
/// keys, feed the curves.
/// </summary>
internal static class OutcomeKernel
{
    public const double DaysPerYear = 365.25;

    private sealed class Days
    {
        public readonly List<long> Events = [], Censored = [];
        public readonly List<uint> EventKeys = [], CensoredKeys = [];

        public void Add(int day, bool happened, uint key)
        {
            var (counts, keys) = happened ? (Events, EventKeys) : (Censored, CensoredKeys);
            while (counts.Count <= day) { counts.Add(0); keys.Add(0); }
            counts[day]++;
            keys[day] = unchecked(keys[day] + key);
        }
    }

    public static OutcomePartial Run(ShardScan scan, string eventCode)
    {
        var s = scan.State;
        var first = ShardEvents.FirstDaysOrNull(s, eventCode);
        var death = ShardEvents.FirstDaysOrNull(s, EventCatalogue.Death);
        var alreadyAtBaseline = eventCode switch
        {
            EventCatalogue.DiabetesDiagnosis => VisitFlags.DiagnosedDiabetes,
            EventCatalogue.InsulinStart => VisitFlags.InsulinTreatment,
            _ => VisitFlags.None,
        };
        var cells = new Dictionary<(string, string, string, string), (long N, long Events, double Years, uint Keys, uint EventKeys, double Longest)>();
        var days = new Dictionary<string, Days>(StringComparer.Ordinal);
        long prevalent = 0;
        uint prevalentKeys = 0;
        foreach (var (slot, k, code) in scan.Rows(VisitChoice.Baseline))
        {
            var key = s.RecordKey[slot];
            prevalentKeys = unchecked(prevalentKeys + key);
            var entry = s.ByVisit[k].Day[slot];
            var eventDay = first?[slot] ?? 0;
            if ((eventDay > 0 && eventDay <= entry) || (alreadyAtBaseline != VisitFlags.None && (((VisitFlags)s.ByVisit[k].Flags[slot]) & alreadyAtBaseline) != 0))
            {
                prevalent++;
                prevalentKeys = unchecked(prevalentKeys + key);
                continue;
            }
            var lastVisit = s.ByVisit[Math.Max(0, s.Visits[slot] - 1)].Day[slot];
            var end = Math.Max(lastVisit, s.LastEventDay[slot]);
            var happened = eventDay > 0;
            if (happened) end = eventDay;
            else if (death?[slot] is > 0 and var died && died < end) end = died;
            var followed = Math.Max(0, end - entry);
            var years = followed / DaysPerYear;
            var stratum = scan.StratumLabel(code);
            var cellKey = (stratum, scan.LabelOf(Dimension.Sex, s.Sex[slot]), scan.LabelOf(Dimension.AgeBand, scan.Code(Dimension.AgeBand, slot, k)),
                scan.LabelOf(Dimension.Category, scan.Code(Dimension.Category, slot, k)));
            var c = cells.GetValueOrDefault(cellKey);
            cells[cellKey] = (c.N + 1, c.Events + (happened ? 1 : 0), c.Years + years, unchecked(c.Keys + key),
                happened ? unchecked(c.EventKeys + key) : c.EventKeys, Math.Max(c.Longest, years));
            if (!days.TryGetValue(stratum, out var d)) days[stratum] = d = new Days();
            d.Add(followed, happened, key);
        }
        var (without, withoutKeys) = scan.WithoutVisit(VisitChoice.Baseline);
        return new OutcomePartial
        {
            Cells = cells.OrderBy(c => c.Key).Select(c => new FollowUpCell(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Key.Item4, c.Value.N, c.Value.Events,
                c.Value.Years, c.Value.Keys, c.Value.EventKeys, c.Value.Longest)).ToArray(),
            EventsByDay = days.ToDictionary(x => x.Key, x => x.Value.Events.ToArray()),
            CensoredByDay = days.ToDictionary(x => x.Key, x => x.Value.Censored.ToArray()),
            EventKeysByDay = days.ToDictionary(x => x.Key, x => x.Value.EventKeys.ToArray()),
            CensoredKeysByDay = days.ToDictionary(x => x.Key, x => x.Value.CensoredKeys.ToArray()),
            Prevalent = prevalent,
            PrevalentKeys = prevalentKeys,
            WithoutBaseline = without,
            WithoutBaselineKeys = withoutKeys,
        };
    }
}
