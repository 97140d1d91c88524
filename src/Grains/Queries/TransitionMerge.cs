using Cohort.Contracts.Queries;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Phases;
using Cohort.Domain.Statistics;

namespace Cohort.Grains.Queries;

/// <summary>
/// Transitions from the shards' counts: a from × to table overall and per phenotype (small cells and complements suppressed), the
/// progression out of each starting state (raw and confirmed, exact Poisson rates per 1,000 person-years), and the hidden Markov
/// model fitted on the participants' state sequences.
/// </summary>
internal static class TransitionMerge
{
    public static TransitionResult Merge(IReadOnlyList<TransitionCounts> parts, VisitChoice from, VisitChoice to, TransitionKind kind, CountRelease release,
        Provenance provenance)
    {
        var states = kind == TransitionKind.Phase ? Enum.GetValues<Phase>().Select(p => p.Code()).ToArray() : Enum.GetValues<GlycaemicCategory>().Select(c => c.Code()).ToArray();
        var n = states.Length;
        var groups = StrataOrder.Sort(Dimension.Phenotype, parts.SelectMany(p => p.Matrix.Keys).Distinct()).ToArray();
        var disclosure = release.Disclosure;
        TransitionTable Table(string group, Func<TransitionCounts, string, bool> include)
        {
            var cells = new long[n * n];
            var keys = new uint[n * n];
            var moves = MoveCounts.Empty(n);
            foreach (var p in parts)
                foreach (var (g, m) in p.Matrix.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (!include(p, g)) continue;
                    for (var i = 0; i < cells.Length; i++) cells[i] += m[i];
                    if (p.MatrixKeys?.GetValueOrDefault(g) is { } k) for (var i = 0; i < keys.Length; i++) keys[i] = unchecked(keys[i] + k[i]);
                    if (p.Moves?.GetValueOrDefault(g) is { } mc) moves = moves.Plus(mc);
                }
            // The table's totals are those of its starting states.
            long atRisk = moves.AtRisk.Sum(), events = moves.Progressions.Sum();
            var atRiskKey = moves.AtRiskKeys.Aggregate(CellKey.Empty, (sum, k) => sum.Add(k));
            var eventKey = moves.ProgressionKeys.Aggregate(CellKey.Empty, (sum, k) => sum.Add(k));
            // Perturbed views: each cell with its own key and the table's (everyone in it); progressions with the key of those at risk;
            // person-years as a magnitude scaled to the longest interval; the rate from the perturbed pieces.
            var tableKey = keys.Aggregate(CellKey.Empty, (sum, k) => sum.Add(k));
            var hidden = SmallCellSuppression.Table(cells, n, n, release.Threshold);
            var complement = SmallCellSuppression.Complements(cells, hidden, release.Threshold);
            var counts = Enumerable.Range(0, n).Select(r => (IReadOnlyList<long?>)Enumerable.Range(0, n)
                .Select(c => hidden[r * n + c] ? null : (long?)disclosure.Count(cells[r * n + c], new CellKey(keys[r * n + c]).Merge(tableKey))).ToArray()).ToArray();
            var released = !release.IsSmall(events) && !release.IsSmall(atRisk);
            var releasedAtRisk = release.Shown(atRisk) is null ? null : (long?)disclosure.Count(atRisk, atRiskKey);
            var releasedEvents = released ? Math.Min(disclosure.Count(events, eventKey.Merge(atRiskKey)), releasedAtRisk ?? 0) : (long?)null;
            var years = disclosure.Total(moves.Years.Sum(), moves.LongestInterval.Max(), atRiskKey);
            var rate = releasedEvents is { } e ? PoissonRate.Exact(e, years) : null;
            return new TransitionTable(group, states, counts, releasedAtRisk, releasedEvents, years, rate?.Rate, rate?.Lower, rate?.Upper)
            {
                Complement = Enumerable.Range(0, n).Select(r => (IReadOnlyList<bool>)complement.Skip(r * n).Take(n).ToArray()).ToArray(),
                FromStates = Enumerable.Range(1, n - 2).Select(s => Row(states[s], moves, s, release)).ToArray(),
            };
        }
        var overall = Table("all", (_, _) => true);
        var tables = groups.Select(g => Table(g, (_, label) => label == g)).ToArray();
        return new TransitionResult(kind == TransitionKind.Phase ? "phase" : "category", from.Label, to.Label, overall, tables,
            release.Count(parts.Sum(p => p.WithoutBothVisits), parts.Select(p => p.WithoutBothVisitsKey)),
            "exact Poisson (Garwood) per 1,000 person-years; at risk: a known state short of the worst",
            provenance)
        {
            Disclosure = disclosure.Describe(),
            Model = Model(parts, states, release),
        };
    }

    /// <summary>
    /// Progression out of one starting state: counts suppressed when small and perturbed with their keys (each count's key holds those
    /// at risk), interval-censored person-years perturbed as a magnitude, the confirmed and raw rates from the released pieces.
    /// </summary>
    private static ProgressionRow Row(string state, MoveCounts m, int s, CountRelease release)
    {
        var disclosure = release.Disclosure;
        var population = new CellKey(m.AtRiskKeys[s]);
        var atRisk = release.Shown(m.AtRisk[s]) is null ? null : (long?)disclosure.Count(m.AtRisk[s], population);
        long? Count(long[] counts, uint[] keys) => atRisk is null || release.Shown(counts[s]) is null || release.Shown(m.AtRisk[s] - counts[s]) is null ? null
            : Math.Min(disclosure.Count(counts[s], new CellKey(keys[s]).Merge(population)), atRisk.Value);
        double Years(double y) => disclosure.Total(y, m.LongestInterval[s], population);
        var confirmed = Count(m.Confirmed, m.ConfirmedKeys);
        var raw = Count(m.Progressions, m.ProgressionKeys);
        var years = Years(m.CensoredYears[s]);
        var rate = confirmed is { } c ? PoissonRate.Exact(c, years) : null;
        var rawYears = Years(m.RawCensoredYears[s]);
        return new ProgressionRow
        {
            State = state,
            AtRisk = atRisk,
            Progressions = raw,
            Confirmed = confirmed,
            Regressions = Count(m.Regressions, m.RegressionKeys),
            ConfirmedRegressions = Count(m.ConfirmedRegressions, m.ConfirmedRegressionKeys),
            PersonYears = years,
            RatePer1000 = rate?.Rate,
            Lower = rate?.Lower,
            Upper = rate?.Upper,
            RawRatePer1000 = raw is { } r && rawYears > 0 ? r / rawYears * 1000 : null,
        };
    }

    /// <summary>
    /// The hidden Markov model over every kept participant's visits: fitted on the distinct state sequences (perturbed counts in a
    /// perturbed view, each with its own and the population's key; results rounded), the unknown state treated as missing.
    /// </summary>
    private static ProgressionModelView Model(IReadOnlyList<TransitionCounts> parts, string[] states, CountRelease release)
    {
        var disclosure = release.Disclosure;
        const string assumptions = "true states progress only (an apparent regression is misclassification), a Markov chain homogeneous over time with one step per visit interval (rates use the mean interval), visits not timed by the state, and misclassification that depends only on the true state, independently between visits; unknown states are missing at random";
        var known = states.Skip(1).ToArray();
        var counts = new SortedDictionary<string, (long Count, uint Key)>(StringComparer.Ordinal);
        foreach (var p in parts)
            foreach (var (sequence, count) in p.Sequences ?? new Dictionary<string, long>())
            {
                var (c, k) = counts.GetValueOrDefault(sequence);
                counts[sequence] = (c + count, unchecked(k + (p.SequenceKeys?.GetValueOrDefault(sequence) ?? 0)));
            }
        var participants = counts.Values.Sum(v => v.Count);
        var population = counts.Values.Aggregate(CellKey.Empty, (k, v) => k.Add(v.Key));
        var intervals = parts.Sum(p => p.Intervals);
        var meanInterval = intervals > 0 ? parts.Sum(p => p.IntervalYears) / intervals : 0;
        ProgressionModelView Undefined(string why) => new ProgressionModelView
        {
            States = known,
            RatesPer1000 = [],
            Lower = [],
            Upper = [],
            Transition = [],
            Misclassification = [],
            MeanIntervalYears = Math.Round(meanInterval, 3),
            Participants = release.Shown(participants),
            Assumptions = assumptions,
            Converged = false,
            Resamples = 0,
            UndefinedReason = why,
        };
        if (release.IsSmall(participants) || participants < 100) return Undefined("fewer than 100 participants");
        if (intervals == 0) return Undefined("no participant has two visits");
        var sequences = counts.Select(kv => new Domain.Progression.ObservedSequence(
            kv.Key.Select(ch => ch - '1').ToArray(), disclosure.Count(kv.Value.Count, new CellKey(kv.Value.Key).Merge(population)))).ToArray();
        var (fit, rates) = Domain.Progression.ProgressionBootstrap.Rates(sequences, known.Length, meanInterval, resamples: 100);
        double R(double x) => disclosure.Perturbed ? DisclosureControl.Round(x, 3) : x;
        double? Per1000(double x) => double.IsFinite(x) ? R(x * 1000) : null;
        IReadOnlyList<IReadOnlyList<double>> Matrix(double[,] m) => Enumerable.Range(0, known.Length)
            .Select(i => (IReadOnlyList<double>)Enumerable.Range(0, known.Length).Select(j => Math.Round(m[i, j], 4)).ToArray()).ToArray();
        return new ProgressionModelView
        {
            States = known,
            RatesPer1000 = rates.Select(r => Per1000(r.Rate)).ToArray(),
            Lower = rates.Select(r => Per1000(r.Lower)).ToArray(),
            Upper = rates.Select(r => Per1000(r.Upper)).ToArray(),
            Transition = Matrix(fit.Transition),
            Misclassification = Matrix(fit.Misclassification),
            MeanIntervalYears = Math.Round(meanInterval, 3),
            Participants = release.Shown(participants) is null ? null : disclosure.Count(participants, population),
            Assumptions = assumptions,
            Converged = fit.Converged,
            Resamples = rates.Max(r => r.Resamples),
            UndefinedReason = null,
        };
    }

}
