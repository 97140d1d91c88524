using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Outcomes;
using Cohort.Domain.Statistics;

namespace Cohort.Grains.Queries;

/// <summary>
/// The incidence of an event from the shards' follow-up: per stratum, participants and events as released, person-years, the rate per
/// 1,000 person-years with its exact interval, the Kaplan–Meier cumulative incidence at whole years (the curve ends when fewer than
/// the suppression threshold remain at risk, and a point is withheld while the events so far are a small count), and rate ratios against a reference
/// stratum from a Poisson model adjusted for sex, ten-year age band at baseline and baseline glycaemic category. For perturbed
/// releases every count (cells of the model included) is perturbed with its people's cell keys and continuous figures are rounded.
/// </summary>
internal static class OutcomeMerge
{
    public static OutcomeResult Merge(IReadOnlyList<OutcomePartial> parts, CohortQuery query, EventDefinition ev, string? reference,
        CountRelease release, Provenance provenance)
    {
        var disclosure = release.Disclosure;
        var cells = parts.SelectMany(p => p.Cells)
            .GroupBy(c => (c.Stratum, c.Sex, c.AgeBand, c.Category))
            .OrderBy(g => g.Key)
            .Select(g => new FollowUpCell(g.Key.Stratum, g.Key.Sex, g.Key.AgeBand, g.Key.Category, g.Sum(c => c.Participants), g.Sum(c => c.Events),
                g.Sum(c => c.PersonYears), g.Aggregate(0u, (k, c) => unchecked(k + c.ParticipantKeys)), g.Aggregate(0u, (k, c) => unchecked(k + c.EventKeys))))
            .ToArray();
        var strata = StrataOrder.Sort(query.StrataBy, cells.Select(c => c.Stratum).Distinct()).ToArray();
        var rows = new List<OutcomeRow>();
        foreach (var stratum in strata)
        {
            var mine = cells.Where(c => c.Stratum == stratum).ToArray();
            var n = mine.Sum(c => c.Participants);
            var events = mine.Sum(c => c.Events);
            var years = mine.Sum(c => c.PersonYears);
            var participantKey = mine.Aggregate(0u, (k, c) => unchecked(k + c.ParticipantKeys));
            var shownN = release.Count(n, [participantKey]);
            var shownEvents = shownN is null ? null : events == 0 ? 0 : release.Count(events, mine.Select(c => c.EventKeys));
            var rate = shownEvents is { } e ? PoissonRate.Exact(e, years) : null;
            rows.Add(new OutcomeRow
            {
                Stratum = stratum,
                Participants = shownN,
                Events = shownEvents,
                PersonYears = Math.Round(disclosure.Continuous(years), 1),
                Rate = Released(rate?.Rate, disclosure),
                RateLower = Released(rate?.Lower, disclosure),
                RateUpper = Released(rate?.Upper, disclosure),
                Curve = shownN is null ? [] : Curve(parts, stratum, release, participantKey),
            });
        }
        var (model, ratios) = RateRatios(cells, strata, rows, reference, disclosure);
        rows = rows.Select(r => ratios.TryGetValue(r.Stratum, out var rr)
            ? r with { RateRatio = rr.Ratio, RateRatioLower = rr.Lower, RateRatioUpper = rr.Upper, Reference = rr.Reference }
            : r).ToList();
        return new OutcomeResult
        {
            Event = ev.Code,
            EventName = ev.Name,
            StrataBy = query.StrataBy == Dimension.None ? "all" : query.StrataBy.ToString().ToLowerInvariant(),
            Rows = rows,
            Model = model,
            Prevalent = release.Count(parts.Sum(p => p.Prevalent), parts.Select(p => p.PrevalentKeys)),
            WithoutBaseline = parts.Sum(p => p.WithoutBaseline),
            Disclosure = disclosure.Describe() + (disclosure.Perturbed ? "; rates, curves and rate ratios come from perturbed counts and are rounded" : ""),
            Provenance = provenance,
            FollowUp = $"from each participant's baseline visit to the first {ev.Code}, death or last contact (the later of the last visit and the last recorded event), " +
                "whichever comes first; participants whose event is dated on or before their baseline visit were not at risk and are counted apart",
        };
    }

    private static double? Released(double? x, DisclosureControl disclosure) => x is { } v ? Math.Round(disclosure.Continuous(v), 3) : null;

    /// <summary>Kaplan–Meier on the merged day counts, read at whole years while enough are at risk and the events so far are not small.</summary>
    private static IReadOnlyList<IncidencePoint> Curve(IReadOnlyList<OutcomePartial> parts, string stratum, CountRelease release, uint key)
    {
        long[] Merged(Func<OutcomePartial, IReadOnlyDictionary<string, long[]>> pick)
        {
            var arrays = parts.Select(p => pick(p).GetValueOrDefault(stratum) ?? []).ToArray();
            var merged = new long[arrays.Max(a => a.Length)];
            foreach (var a in arrays) for (var d = 0; d < a.Length; d++) merged[d] += a[d];
            return merged;
        }
        var events = Merged(p => p.EventsByDay);
        var censored = Merged(p => p.CensoredByDay);
        var days = Math.Max(events.Length, censored.Length);
        var counts = Enumerable.Range(0, days).Select(d => (Time: d / OutcomeKernel.DaysPerYear, Events: d < events.Length ? events[d] : 0,
            Censored: d < censored.Length ? censored[d] : 0)).Where(c => c.Events + c.Censored > 0).ToArray();
        var steps = KaplanMeier.Estimate(counts);
        var points = new List<IncidencePoint>();
        for (var year = 1; year * OutcomeKernel.DaysPerYear < days; year++)
        {
            var atRisk = counts.Where(c => c.Time >= year).Sum(c => c.Events + c.Censored);
            var eventsSoFar = counts.Where(c => c.Time <= year).Sum(c => c.Events);
            if (release.IsSmall(atRisk)) break;
            if (eventsSoFar > 0 && release.IsSmall(eventsSoFar)) continue; // withheld while the events so far are a small count
            var step = KaplanMeier.At(steps, year);
            var d = release.Disclosure;
            points.Add(step is null
                ? new IncidencePoint(year, d.Count(atRisk, new CellKey(key).Merge(new CellKey((uint)year))), 0, 0, 0)
                : new IncidencePoint(year, d.Count(atRisk, new CellKey(key).Merge(new CellKey((uint)year))), Pct(step.CumulativeIncidence, d),
                    double.IsNaN(step.IncidenceLower) ? null : Pct(step.IncidenceLower, d), double.IsNaN(step.IncidenceUpper) ? null : Pct(step.IncidenceUpper, d)));
        }
        return points;
    }

    private static double Pct(double share, DisclosureControl d) => Math.Round(d.Continuous(100 * share), 2);

    /// <summary>
    /// The Poisson model over the cells of strata with events (a stratum without events has no finite ratio and is left out, said so),
    /// dummy-coded against the reference stratum and the most common sex, age band and category. Returns the model in words and each
    /// stratum's ratio.
    /// </summary>
    private static (string Model, Dictionary<string, (double? Ratio, double? Lower, double? Upper, bool Reference)> Ratios) RateRatios(
        FollowUpCell[] cells, string[] strata, List<OutcomeRow> rows, string? reference, DisclosureControl disclosure)
    {
        var ratios = new Dictionary<string, (double?, double?, double?, bool)>(StringComparer.Ordinal);
        // Only strata whose events are released take part: a ratio for a stratum with a suppressed count would undo the suppression.
        var withEvents = strata.Where(s => rows.First(r => r.Stratum == s).Events is > 0).ToArray();
        if (reference is not null && !strata.Contains(reference))
            return ($"no rate ratios: the reference '{reference}' is not a stratum of this query (strata: {string.Join(", ", strata)})", ratios);
        var refStratum = reference ?? withEvents.FirstOrDefault();
        if (refStratum is null || !withEvents.Contains(refStratum))
            return (refStratum is null ? "no rate ratios: no stratum has events" : $"no rate ratios: the reference '{refStratum}' has no events (or is suppressed)", ratios);
        if (withEvents.Length < 2) return ("no rate ratios: fewer than two strata have events", ratios);
        var used = cells.Where(c => withEvents.Contains(c.Stratum) && c.PersonYears > 0).ToArray();
        string[] Levels(Func<FollowUpCell, string> of) => used.GroupBy(of).OrderByDescending(g => g.Sum(c => c.PersonYears)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToArray();
        var others = withEvents.Where(s => s != refStratum).ToArray();
        var (sexes, ages, categories) = (Levels(c => c.Sex), Levels(c => c.AgeBand), Levels(c => c.Category));
        var names = others.Select(s => s).Concat(sexes.Skip(1).Select(x => $"sex {x}")).Concat(ages.Skip(1).Select(x => $"age {x}"))
            .Concat(categories.Skip(1).Select(x => $"category {x}")).ToArray();
        var design = used.Select(c => new PoissonCell(
            [.. others.Select(s => c.Stratum == s ? 1.0 : 0), .. sexes.Skip(1).Select(x => c.Sex == x ? 1.0 : 0), .. ages.Skip(1).Select(x => c.AgeBand == x ? 1.0 : 0),
             .. categories.Skip(1).Select(x => c.Category == x ? 1.0 : 0)],
            disclosure.Perturbed ? disclosure.Count(c.Events, new CellKey(c.EventKeys)) : c.Events, c.PersonYears)).ToArray();
        PoissonFit fit;
        try { fit = PoissonRegression.Fit(design, names); }
        catch (ArgumentException e) { return ($"no rate ratios: {e.Message}", ratios); }
        ratios[refStratum] = (1.0, null, null, true);
        for (var j = 0; j < others.Length; j++)
        {
            var (r, lo, hi) = fit.RateRatio(j + 1);
            ratios[others[j]] = (Round(r, disclosure), Round(lo, disclosure), Round(hi, disclosure), false);
        }
        string Ref(string[] levels) => levels.Length == 0 ? "none" : levels[0];
        var left = strata.Except(withEvents).ToArray();
        var model = $"Poisson regression of events with log person-years as offset, adjusted for sex (reference {Ref(sexes)}), ten-year age band at baseline " +
            $"(reference {Ref(ages)}) and baseline glycaemic category (reference {Ref(categories)}); rate ratios against {refStratum} with 95% Wald intervals; " +
            FormattableString.Invariant($"{design.Length} cells, deviance {fit.Deviance:0.0} on {fit.DegreesOfFreedom} df") +
            (left.Length > 0 ? $"; left out (no events, or suppressed): {string.Join(", ", left)}" : "");
        return (model, ratios);
    }

    private static double Round(double x, DisclosureControl d) => Math.Round(d.Continuous(x), 3);
}
