using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Outcomes;
using Cohort.Grains.Shards;

namespace Cohort.Grains.Queries;

/// <summary>
/// A shard's follow-up for one event. Each participant the filters keep enters at the baseline visit and leaves at the event's first
/// date, at death (which ends follow-up for every other event), or at last contact (the later of the last visit and the last event
/// of any kind): censored then. A participant whose event is dated on or before the baseline visit was not at risk (prevalent) and is
/// counted apart. Person-time goes into cells of stratum × sex × age band at baseline × baseline glycaemic category (merged by
/// <see cref="OutcomeMerge"/>); events and censorings by day of follow-up feed the Kaplan–Meier curves.
/// </summary>
internal static class OutcomeKernel
{
    public const double DaysPerYear = 365.25;

    public static OutcomePartial Run(ShardScan scan, string eventCode)
    {
        var s = scan.State;
        var first = ShardEvents.FirstDaysOrNull(s, eventCode);
        var death = ShardEvents.FirstDaysOrNull(s, EventCatalogue.Death);
        var cells = new Dictionary<(string, string, string, string), (long N, long Events, double Years, uint Keys, uint EventKeys)>();
        var events = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var censored = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        long prevalent = 0;
        uint prevalentKeys = 0;
        foreach (var (slot, k, code) in scan.Rows(Contracts.Queries.VisitChoice.Baseline))
        {
            var entry = s.ByVisit[k].Day[slot];
            var eventDay = first?[slot] ?? 0;
            if (eventDay > 0 && eventDay <= entry)
            {
                prevalent++;
                prevalentKeys = unchecked(prevalentKeys + s.RecordKey[slot]);
                continue;
            }
            var lastVisit = s.ByVisit[Math.Max(0, s.Visits[slot] - 1)].Day[slot];
            var end = Math.Max(lastVisit, s.LastEventDay[slot]);
            var happened = eventDay > 0;
            if (happened) end = eventDay;
            else if (death?[slot] is > 0 and var died && died < end) end = died;
            var days = Math.Max(0, end - entry);
            var stratum = scan.StratumLabel(code);
            var key = (stratum, scan.LabelOf(Dimension.Sex, s.Sex[slot]), scan.LabelOf(Dimension.AgeBand, scan.Code(Dimension.AgeBand, slot, k)),
                scan.LabelOf(Dimension.Category, scan.Code(Dimension.Category, slot, k)));
            var c = cells.GetValueOrDefault(key);
            cells[key] = (c.N + 1, c.Events + (happened ? 1 : 0), c.Years + days / DaysPerYear, unchecked(c.Keys + s.RecordKey[slot]),
                happened ? unchecked(c.EventKeys + s.RecordKey[slot]) : c.EventKeys);
            var byDay = (happened ? events : censored);
            if (!byDay.TryGetValue(stratum, out var counts)) byDay[stratum] = counts = [];
            while (counts.Count <= days) counts.Add(0);
            counts[days]++;
        }
        var (without, _) = scan.WithoutVisit(Contracts.Queries.VisitChoice.Baseline);
        return new OutcomePartial(
            cells.OrderBy(c => c.Key).Select(c => new FollowUpCell(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Key.Item4, c.Value.N, c.Value.Events,
                c.Value.Years, c.Value.Keys, c.Value.EventKeys)).ToArray(),
            events.ToDictionary(e => e.Key, e => e.Value.ToArray()), censored.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            prevalent, prevalentKeys, without);
    }
}
