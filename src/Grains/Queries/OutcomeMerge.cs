using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Outcomes;
using Cohort.Domain.Statistics;

namespace Cohort.Grains.Queries;

/// <summary>
/// The incidence of an event from the shards' follow-up: per stratum, participants and events as released, person-years, the rate per
/// 1,000 person-years with its exact interval, the cumulative incidence at whole years, and rate ratios against a reference stratum
/// from a Poisson model adjusted for sex, ten-year age band at baseline and baseline glycaemic category (less the dimension the strata
/// are). Disclosure:
/// <list type="bullet">
/// <item>participants and events below the threshold are suppressed, with complements across strata (<see cref="SmallCellSuppression.Line"/>),
/// and events also when those without the event are a small count; a suppressed stratum shows no person-years and takes no part in the model;</item>
/// <item>counts are perturbed with the keys of everyone they are about (events with the stratum's participants', so that one more
/// person without the event changes the noise), person-years with magnitude noise scaled to the longest follow-up;</item>
/// <item>the curve is Kaplan–Meier for an exact view and a life table of perturbed yearly counts for a perturbed one; it ends when fewer
/// than the threshold remain at risk, and a year is withheld while the events since the last shown year are a small count.</item>
/// </list>
/// </summary>
internal static class OutcomeMerge
{
    private sealed record Stratum(string Label, long N, long Events, double Years, double Longest, uint Keys, uint EventKeys);

    public static OutcomeResult Merge(IReadOnlyList<OutcomePartial> parts, CohortQuery query, EventDefinition ev, string? reference,
        CountRelease release, Provenance provenance)
    {
        var disclosure = release.Disclosure;
        var cells = parts.SelectMany(p => p.Cells)
            .GroupBy(c => (c.Stratum, c.Sex, c.AgeBand, c.Category))
            .OrderBy(g => g.Key)
            .Select(g => new FollowUpCell(g.Key.Stratum, g.Key.Sex, g.Key.AgeBand, g.Key.Category, g.Sum(c => c.Participants), g.Sum(c => c.Events),
                g.Sum(c => c.PersonYears), g.Aggregate(0u, (k, c) => unchecked(k + c.ParticipantKeys)), g.Aggregate(0u, (k, c) => unchecked(k + c.EventKeys)),
                g.Max(c => c.LongestYears)))
            .ToArray();
        var strata = StrataOrder.Sort(query.StrataBy, cells.Select(c => c.Stratum).Distinct())
            .Select(label =>
            {
                var mine = cells.Where(c => c.Stratum == label).ToArray();
                return new Stratum(label, mine.Sum(c => c.Participants), mine.Sum(c => c.Events), mine.Sum(c => c.PersonYears), mine.Max(c => c.LongestYears),
                    mine.Aggregate(0u, (k, c) => unchecked(k + c.ParticipantKeys)), mine.Aggregate(0u, (k, c) => unchecked(k + c.EventKeys)));
            }).ToArray();
        var hiddenN = SmallCellSuppression.Line(strata.Select(s => s.N).ToArray(), release.Threshold);
        var hiddenEvents = SmallCellSuppression.Line(strata.Select(s => s.Events).ToArray(), release.Threshold);
        var rows = strata.Select((s, i) =>
        {
            var shownN = hiddenN[i] ? null : (long?)disclosure.Count(s.N, new CellKey(s.Keys));
            var shown = shownN is not null && !hiddenEvents[i] && !release.IsSmall(s.N - s.Events);
            var events = shown ? (long?)disclosure.Count(s.Events, new CellKey(unchecked(s.Keys + s.EventKeys))) : null;
            var years = shownN is null ? null : (double?)Math.Round(disclosure.Total(s.Years, s.Longest, new CellKey(s.Keys)), 1);
            var rate = events is { } e && years is { } y ? PoissonRate.Exact(e, y) : null;
            return new OutcomeRow
            {
                Stratum = s.Label,
                Participants = shownN,
                Events = events,
                PersonYears = years,
                Rate = Released(rate?.Rate, disclosure),
                RateLower = Released(rate?.Lower, disclosure),
                RateUpper = Released(rate?.Upper, disclosure),
                Curve = shownN is null ? [] : Curve(parts, s, release),
            };
        }).ToList();
        var (model, ratios) = RateRatios(cells, query.StrataBy, rows, reference, disclosure);
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
            WithoutBaseline = release.Count(parts.Sum(p => p.WithoutBaseline), parts.Select(p => p.WithoutBaselineKeys)),
            Disclosure = disclosure.Describe() + (disclosure.Perturbed
                ? "; rates and rate ratios come from perturbed counts, curves are life tables of perturbed yearly counts, and all are rounded" : ""),
            Provenance = provenance,
            FollowUp = $"from each participant's baseline visit to the first {ev.Code}, death or last contact (the later of the last visit and the last recorded event), " +
                "whichever comes first; death is treated as censoring, so a curve is 1 − Kaplan–Meier in a world without death and reads high where many die; " +
                "participants who already had the event at baseline were not at risk and are counted apart",
        };
    }

    private static double? Released(double? x, DisclosureControl disclosure) => x is { } v ? Round(v, disclosure) : null;

    /// <summary>The merged per-day counts and key sums of one stratum, events and censorings.</summary>
    private static (long[] Events, long[] Censored, uint[] EventKeys, uint[] CensoredKeys) Days(IReadOnlyList<OutcomePartial> parts, string stratum)
    {
        T[] Merged<T>(Func<OutcomePartial, IReadOnlyDictionary<string, T[]>> pick, Func<T, T, T> add)
        {
            var arrays = parts.Select(p => pick(p).GetValueOrDefault(stratum) ?? []).ToArray();
            var merged = new T[arrays.Max(a => a.Length)];
            foreach (var a in arrays) for (var d = 0; d < a.Length; d++) merged[d] = add(merged[d], a[d]);
            return merged;
        }
        return (Merged(p => p.EventsByDay, (a, b) => a + b), Merged(p => p.CensoredByDay, (a, b) => a + b),
            Merged(p => p.EventKeysByDay, (a, b) => unchecked(a + b)), Merged(p => p.CensoredKeysByDay, (a, b) => unchecked(a + b)));
    }

    private static IReadOnlyList<IncidencePoint> Curve(IReadOnlyList<OutcomePartial> parts, Stratum stratum, CountRelease release)
    {
        var (events, censored, eventKeys, censoredKeys) = Days(parts, stratum.Label);
        var days = Math.Max(events.Length, censored.Length);
        long E(int d) => d < events.Length ? events[d] : 0;
        long C(int d) => d < censored.Length ? censored[d] : 0;
        uint K(int d) => unchecked((d < eventKeys.Length ? eventKeys[d] : 0u) + (d < censoredKeys.Length ? censoredKeys[d] : 0u));
        // Those followed at least t days, and their keys: suffix sums.
        var atRisk = new long[days + 1];
        var atRiskKeys = new uint[days + 1];
        for (var d = days - 1; d >= 0; d--)
        {
            atRisk[d] = atRisk[d + 1] + E(d) + C(d);
            atRiskKeys[d] = unchecked(atRiskKeys[d + 1] + K(d));
        }
        var disclosure = release.Disclosure;
        var steps = disclosure.Perturbed ? null
            : KaplanMeier.Estimate(Enumerable.Range(0, days).Where(d => E(d) + C(d) > 0).Select(d => (d / OutcomeKernel.DaysPerYear, E(d), C(d))));
        // An exact view reads Kaplan–Meier to two decimals of a percent; a perturbed one its life table, rounded as released.
        Func<double, double> percent = disclosure.Perturbed ? x => Math.Round(disclosure.Continuous(100 * x), 3) : x => Math.Round(100 * x, 2);
        var points = new List<IncidencePoint>();
        double survival = 1, variance = 0;
        var z = SpecialFunctions.NormalQuantile(0.975);
        long sinceShown = 0;
        for (var year = 1; year * OutcomeKernel.DaysPerYear < days; year++)
        {
            var (from, to) = ((int)Math.Ceiling((year - 1) * OutcomeKernel.DaysPerYear), (int)Math.Ceiling(year * OutcomeKernel.DaysPerYear));
            var span = Enumerable.Range(from, Math.Max(0, Math.Min(to, days) - from)).ToArray();
            var inYear = span.Sum(E);
            if (disclosure.Perturbed)
            {
                // Life table of perturbed counts: those entering the year, its events and censorings, each keyed by its people.
                var n = disclosure.Count(atRisk[from], new CellKey(atRiskKeys[from]));
                var keysIn = span.Aggregate(atRiskKeys[from], (k, d) => unchecked(k + K(d)));
                var d = disclosure.Count(inYear, new CellKey(keysIn));
                var c = disclosure.Count(span.Sum(C), new CellKey(unchecked(keysIn + 1u)));
                var effective = n - c / 2.0;
                if (effective > d && d > 0)
                {
                    survival *= 1 - d / effective;
                    variance += d / (effective * (effective - d));
                }
            }
            var stillAtRisk = atRisk[Math.Min(to, days)];
            if (release.IsSmall(stillAtRisk) || stillAtRisk == 0) break;
            sinceShown += inYear;
            if (release.IsSmall(sinceShown)) continue; // withheld while the events since the last shown year are a small count
            sinceShown = 0;
            var shownAtRisk = disclosure.Count(stillAtRisk, new CellKey(atRiskKeys[Math.Min(to, days)]));
            SurvivalStep? step;
            if (steps is not null) step = KaplanMeier.At(steps, year);
            else
            {
                var (lower, upper) = KaplanMeier.Interval(survival, Math.Sqrt(variance), z);
                step = new SurvivalStep(year, stillAtRisk, inYear, survival, lower, upper);
            }
            double? Limit(double share) => double.IsNaN(share) ? null : percent(share);
            points.Add(step is null ? new IncidencePoint(year, shownAtRisk, 0, 0, 0)
                : new IncidencePoint(year, shownAtRisk, percent(step.CumulativeIncidence), Limit(step.IncidenceLower), Limit(step.IncidenceUpper)));
        }
        return points;
    }

    private static double Round(double x, DisclosureControl d) => Math.Round(d.Continuous(x), 3);

    /// <summary>
    /// The Poisson model over the cells of strata whose events are released (a stratum with none, or suppressed, is left out and said
    /// so), dummy-coded against the reference stratum and the most common level of each adjustment; the adjustment the strata already
    /// are is left out (it would repeat the stratum columns). Returns the model in words and each stratum's ratio.
    /// </summary>
    private static (string Model, Dictionary<string, (double? Ratio, double? Lower, double? Upper, bool Reference)> Ratios) RateRatios(
        FollowUpCell[] cells, Dimension by, List<OutcomeRow> rows, string? reference, DisclosureControl disclosure)
    {
        var ratios = new Dictionary<string, (double?, double?, double?, bool)>(StringComparer.Ordinal);
        var strata = rows.Select(r => r.Stratum).ToArray();
        // Only strata whose events are released take part: a ratio for a stratum with a suppressed count would undo the suppression.
        var withEvents = rows.Where(r => r.Events is > 0).Select(r => r.Stratum).ToArray();
        if (reference is not null && !strata.Contains(reference))
            return ($"no rate ratios: the reference '{reference}' is not a stratum of this query (strata: {string.Join(", ", strata)})", ratios);
        var refStratum = reference ?? withEvents.FirstOrDefault();
        if (refStratum is null || !withEvents.Contains(refStratum))
            return (refStratum is null ? "no rate ratios: no stratum has events" : $"no rate ratios: the reference '{refStratum}' has no events (or is suppressed)", ratios);
        if (withEvents.Length < 2) return ("no rate ratios: fewer than two strata have events", ratios);
        var used = cells.Where(c => withEvents.Contains(c.Stratum) && c.PersonYears > 0).ToArray();
        string[] Levels(Func<FollowUpCell, string> of, bool adjust) => !adjust ? []
            : used.GroupBy(of).OrderByDescending(g => g.Sum(c => c.PersonYears)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToArray();
        var others = withEvents.Where(s => s != refStratum).ToArray();
        var sexes = Levels(c => c.Sex, by != Dimension.Sex);
        var ages = Levels(c => c.AgeBand, by is not (Dimension.AgeBand or Dimension.AgeBandAtVisit));
        var categories = Levels(c => c.Category, by != Dimension.Category);
        var names = others.Concat(sexes.Skip(1).Select(x => $"sex {x}")).Concat(ages.Skip(1).Select(x => $"age {x}"))
            .Concat(categories.Skip(1).Select(x => $"category {x}")).ToArray();
        var design = used.Select(c => new PoissonCell(
            [.. others.Select(s => c.Stratum == s ? 1.0 : 0), .. sexes.Skip(1).Select(x => c.Sex == x ? 1.0 : 0), .. ages.Skip(1).Select(x => c.AgeBand == x ? 1.0 : 0),
             .. categories.Skip(1).Select(x => c.Category == x ? 1.0 : 0)],
            disclosure.Count(c.Events, new CellKey(unchecked(c.ParticipantKeys + c.EventKeys))), c.PersonYears)).ToArray();
        PoissonFit fit;
        try { fit = PoissonRegression.Fit(design, names); }
        catch (ArgumentException e) { return ($"no rate ratios: {e.Message}", ratios); }
        ratios[refStratum] = (1.0, null, null, true);
        for (var j = 0; j < others.Length; j++)
        {
            var (r, lo, hi) = fit.RateRatio(j + 1);
            ratios[others[j]] = (Round(r, disclosure), Round(lo, disclosure), Round(hi, disclosure), false);
        }
        string Adjusted(string what, string[] levels) => levels.Length == 0 ? "" : $"{what} (reference {levels[0]}), ";
        var adjustments = (Adjusted("sex", sexes) + Adjusted("ten-year age band at baseline", ages) + Adjusted("baseline glycaemic category", categories)).TrimEnd(',', ' ');
        var left = strata.Except(withEvents).ToArray();
        return ($"Poisson regression of events with log person-years as offset, adjusted for {(adjustments.Length > 0 ? adjustments : "nothing")}" +
            $"{(by is Dimension.Sex or Dimension.AgeBand or Dimension.AgeBandAtVisit or Dimension.Category ? " (not for the strata's own dimension)" : "")}; " +
            $"rate ratios against {refStratum} with 95% Wald intervals" +
            (disclosure.Perturbed ? "" : FormattableString.Invariant($"; {design.Length} cells, deviance {fit.Deviance:0.0} on {fit.DegreesOfFreedom} df")) +
            (left.Length > 0 ? $"; left out (no events, or suppressed): {string.Join(", ", left)}" : ""), ratios);
    }
}
