using Cohort.Contracts.Cohort;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Phenotypes;
using Cohort.Domain.Caveats;
using Cohort.Domain.Cutoffs;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;
using Cohort.Domain.Statistics;
using Cohort.Domain.Visits;
using Cohort.Grains.Cohort.Statistics;
using Cohort.Grains.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cohort.Grains.Cohort;

/// <summary>
/// Map-reduce over the shards: every query goes to all shards at once, the partial results are merged here in shard order (so that
/// the same query on the same data gives the same bytes), small cells are suppressed, and every result carries its provenance.
/// </summary>
[StatelessWorker]
[GrainType("cohortquery")]
public sealed class CohortQueryGrain(IOptions<CohortOptions> options) : Grain, ICohortQueryGrain
{
    private CohortOptions Options => options.Value;
    private int Threshold => Options.SuppressionThreshold;

    /// <summary>How this call's aggregates are released: exact for an epidemiologist (as the dashboard or gateway vouched), else perturbed.</summary>
    private DisclosureControl Disclosure => Options.Disclosure.Control(perturbed: !Contracts.Access.AccessContext.Exact);

    private IEnumerable<ICohortShardGrain> Shards() =>
        Enumerable.Range(0, Options.Shards).Select(i => GrainFactory.GetGrain<ICohortShardGrain>(i));

    private static Metric ResolveMetric(string metric) =>
        MetricCatalogue.TryResolve(metric, out var m) ? m
        : throw new ArgumentException($"unknown metric '{metric}' (known: {string.Join(", ", MetricCatalogue.All.Select(x => x.Code))})", nameof(metric));

    private async Task<Provenance> ProvenanceOf(string hash)
    {
        var version = await GrainFactory.GetGrain<IIngestRunsGrain>(0).DataVersion();
        var e = Options.Evaluation();
        var model = await GrainFactory.GetGrain<IPhenotypeModelGrain>(0).Latest();
        var described = model is null ? "none (no phenotype model fitted)" : $"v{model.Version} (k = {model.K}, fitted {model.FittedAt:yyyy-MM-dd HH:mm:ss}Z on {model.DataVersion})";
        return new Provenance(version, hash, Options.GlucoseFactor, Options.InsulinFactor, e.RuleSet.Code(), e.PhaseCutoff.Source, described, Threshold);
    }

    public async Task<StratifiedDistribution> Distribution(CohortQuery query, string metric)
    {
        var m = ResolveMetric(metric);
        var partials = await Task.WhenAll(Shards().Select(s => s.Distribution(query, MetricCatalogue.PositionOf(m))));
        var disclosure = Disclosure;
        var (total, strata) = DistributionMerge.Merge(partials, query.StrataBy, m, Threshold, disclosure);
        var caveats = CaveatCatalogue.For(m.Code).Select(c => new CaveatView(c.Id, c.Title, c.Text, c.Source)).ToArray();
        var without = Released(partials.Sum(p => p.WithoutVisit), partials.Select(p => p.WithoutVisitKey), disclosure);
        var provenance = await ProvenanceOf(query.Hash("distribution", m.Code));
        var result = new StratifiedDistribution(m.Code, m.Name, m.Unit, query.Visit.Label, query.StrataBy.ToString(), total, strata, m.Skewed, caveats,
            without, provenance);
        return result with { Disclosure = disclosure.Describe() };
    }

    public async Task<PrevalenceResult> Prevalence(CohortQuery query, Condition condition, string method = "wilson", string standard = "ESP2013")
    {
        var interval = method.Equals("clopper-pearson", StringComparison.OrdinalIgnoreCase) ? IntervalMethod.ClopperPearson
            : method.Equals("wilson", StringComparison.OrdinalIgnoreCase) ? IntervalMethod.Wilson
            : throw new ArgumentException($"interval method '{method}' must be wilson or clopper-pearson", nameof(method));
        if (!StandardPopulation.TryGet(standard, out var population))
            throw new ArgumentException($"standard population '{standard}' is not known (known: {string.Join(", ", StandardPopulation.All.Select(s => s.Name))})", nameof(standard));
        var partials = await Task.WhenAll(Shards().Select(s => s.Prevalence(query, condition)));
        var counts = partials.SelectMany(p => p.Strata.Values).ToArray();
        var fasting = RestsOnFastingSample(condition) && counts.Any(c => c.WithFastingWeight > 0);
        var disclosure = Disclosure;
        var (total, strata) = PrevalenceMerge.Merge(partials, query.StrataBy, interval, population, Threshold, fasting, disclosure);
        return new PrevalenceResult(condition.Label, query.Visit.Label, query.StrataBy.ToString(), interval == IntervalMethod.Wilson ? "Wilson 95%" : "Clopper–Pearson 95%",
            population.Name, total, strata, Released(partials.Sum(p => p.Undetermined), partials.Select(p => p.UndeterminedKey), disclosure),
            Released(partials.Sum(p => p.WithoutVisit), partials.Select(p => p.WithoutVisitKey), disclosure),
            await ProvenanceOf(query.Hash("prevalence", condition.Label, interval.ToString(), population.Name)))
        {
            Weight = fasting ? "fasting subsample" : counts.Any(c => c.WithWeight > 0) ? "examination" : "none",
            Disclosure = disclosure.Describe(),
        };
    }

    /// <summary>Whether a condition rests on a fasting analyte: categories and phases (fasting glucose), phenotypes, and such metrics.</summary>
    private static bool RestsOnFastingSample(Condition c) =>
        c.Kind != ConditionKind.MetricAtLeast || MetricCatalogue.All[c.Metric].RestsOnFastingSample();

    public async Task<CutoffSensitivity> HomaIrCutoffs(CohortQuery query)
    {
        var whole = query with { StrataBy = Dimension.None };
        var registry = CutoffRegistry.WithThreshold.ToArray();
        var counts = await Task.WhenAll(Shards().Select(s => s.HomaIrCutoffs(whole, registry.Select(c => c.Id).ToArray())));
        long defined = counts.Sum(c => c.Defined.Values.Sum());
        var above = new long[registry.Length];
        var applicable = new long[registry.Length];
        var aboveKeys = new uint[registry.Length];
        var applicableKeys = new uint[registry.Length];
        var definedKey = 0u;
        foreach (var c in counts)
        {
            foreach (var a in c.AtOrAbove.Values) for (var t = 0; t < above.Length; t++) above[t] += a[t];
            foreach (var a in c.Applicable.Values) for (var t = 0; t < applicable.Length; t++) applicable[t] += a[t];
            foreach (var k in c.AtOrAboveKeys?.Values ?? []) for (var t = 0; t < above.Length; t++) aboveKeys[t] = unchecked(aboveKeys[t] + k[t]);
            foreach (var k in c.ApplicableKeys?.Values ?? []) for (var t = 0; t < applicable.Length; t++) applicableKeys[t] = unchecked(applicableKeys[t] + k[t]);
            foreach (var k in c.DefinedKeys?.Values ?? []) definedKey = unchecked(definedKey + k);
        }
        // Perturbed views: each count with its own cell's key and its population's (the cases' key holds the counted visits'; the
        // not-counted visits' key is the visits with HOMA-IR less those counted).
        var disclosure = Disclosure;
        var (ageFrom, ageTo) = AgeRange(query.Filter.AgeBand);
        Sex? sex = query.Filter.Sex is [var only] ? SexCodes.Parse(only) : null;
        var rows = registry.Select((c, t) =>
        {
            var applies = c.AppliesTo(ageFrom, ageTo, sex);
            var exactN = applicable[t];
            var released = Released(exactN) is not null && Released(above[t]) is not null && Released(exactN - above[t]) is not null;
            var population = new CellKey(applicableKeys[t]);
            var n = disclosure.Count(exactN, population);
            var cases = Math.Min(disclosure.Count(above[t], new CellKey(aboveKeys[t]).Merge(population)), n);
            var notCountedKey = new CellKey(unchecked(definedKey - applicableKeys[t])).Merge(new CellKey(definedKey));
            ProportionEstimate? p = released && n > 0 ? ProportionInterval.Wilson(cases, n) : null;
            return new CutoffPrevalence(c.Id, c.Value!.Value, c.Population, c.AgeGroup, c.Sex?.Code(), c.Derivation, c.Citation,
                applies.Verdict.ToString(), applies.Reasons, released ? cases : null, Released(exactN) is null ? null : n, p?.Proportion, p?.Lower, p?.Upper)
            {
                AppliedConditions = c.AppliedConditions(),
                UncheckedConditions = c.UncheckedConditions(),
                NotCounted = Released(defined - exactN) is null ? null : disclosure.Count(defined - exactN, notCountedKey),
            };
        }).ToArray();

        var reference = (await Task.WhenAll(Shards().Select(s => s.ReferenceRows(whole)))).SelectMany(r => r)
            .Select(r => new ReferenceCandidate((Sex)r.Sex, N(r.Age), N(r.FastingGlucose), N(r.TwoHourGlucose), N(r.HbA1c), N(r.Bmi), N(r.Triglycerides), N(r.Hdl), N(r.HomaIr)))
            .ToArray();
        var ruleSet = Options.Evaluation().RuleSet;
        var local = LocalCutoffDerivation.Derive(reference, ruleSet);
        var localViews = local.Groups.SelectMany(g => g.UndefinedReason is { } why || SmallCellSuppression.IsSmall(g.N, Threshold)
                ? [new LocalCutoffView(g.Group, Released(g.N), 0, null, null, null, g.UndefinedReason ?? "reference subgroup too small to release")]
                : g.Estimates.Select(e => new LocalCutoffView(g.Group, g.N, e.Percentile, e.Value, e.Lower, e.Upper, null))).ToArray();

        var phases = await Prevalence(query with { StrataBy = Dimension.Phase }, new Condition(ConditionKind.Phase, Phase.Compensated.Code()));
        var caveats = CaveatCatalogue.HomaIrCutoffs.Select(c => new CaveatView(c.Id, c.Title, c.Text, c.Source)).ToArray();
        var provenance = await ProvenanceOf(query.Hash("homa-ir-cutoffs"));
        var result = new CutoffSensitivity(query.Visit.Label, rows, localViews, local.ReferenceCriteria, local.Method, phases, caveats, provenance);
        return result with { Disclosure = disclosure.Describe() };
    }

    private static double? N(float x) => float.IsNaN(x) ? null : x;

    /// <summary>The age range the age-band filter selects (null ends when open or not filtered).</summary>
    private static (double? From, double? To) AgeRange(IReadOnlyList<string>? bands)
    {
        if (bands is not { Count: > 0 } || bands.Any(b => b == ShardScan.Unknown)) return (null, null);
        var idx = bands.Select(b => Array.IndexOf(ShardScan.AgeBands, b)).Where(i => i >= 0).ToArray();
        if (idx.Length == 0) return (null, null);
        double? from = idx.Min() == 0 ? null : idx.Min() * 10 + 10;
        double? to = idx.Max() == ShardScan.AgeBands.Length - 1 ? null : idx.Max() * 10 + 19;
        return (from, to);
    }

    public async Task<TransitionResult> Transitions(CohortQuery query, VisitChoice from, VisitChoice to, TransitionKind kind)
    {
        var byPhenotype = query with { StrataBy = Dimension.Phenotype };
        var parts = await Task.WhenAll(Shards().Select(s => s.Transitions(byPhenotype, from, to, kind)));
        var states = kind == TransitionKind.Phase ? Enum.GetValues<Phase>().Select(p => p.Code()).ToArray() : Enum.GetValues<GlycaemicCategory>().Select(c => c.Code()).ToArray();
        var n = states.Length;
        var groups = StrataOrder.Sort(Dimension.Phenotype, parts.SelectMany(p => p.Matrix.Keys).Distinct()).ToArray();
        var disclosure = Disclosure;
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
            var hidden = SmallCellSuppression.Table(cells, n, n, Threshold);
            var complement = SmallCellSuppression.Complements(cells, hidden, Threshold);
            var counts = Enumerable.Range(0, n).Select(r => (IReadOnlyList<long?>)Enumerable.Range(0, n)
                .Select(c => hidden[r * n + c] ? null : (long?)disclosure.Count(cells[r * n + c], new CellKey(keys[r * n + c]).Merge(tableKey))).ToArray()).ToArray();
            var released = !SmallCellSuppression.IsSmall(events, Threshold) && !SmallCellSuppression.IsSmall(atRisk, Threshold);
            var releasedAtRisk = Released(atRisk) is null ? null : (long?)disclosure.Count(atRisk, atRiskKey);
            var releasedEvents = released ? Math.Min(disclosure.Count(events, eventKey.Merge(atRiskKey)), releasedAtRisk ?? 0) : (long?)null;
            var years = disclosure.Total(moves.Years.Sum(), moves.LongestInterval.Max(), atRiskKey);
            var rate = releasedEvents is { } e ? PoissonRate.Exact(e, years) : null;
            return new TransitionTable(group, states, counts, releasedAtRisk, releasedEvents, years, rate?.Rate, rate?.Lower, rate?.Upper)
            {
                Complement = Enumerable.Range(0, n).Select(r => (IReadOnlyList<bool>)complement.Skip(r * n).Take(n).ToArray()).ToArray(),
                FromStates = Enumerable.Range(1, n - 2).Select(s => Row(states[s], moves, s, disclosure)).ToArray(),
            };
        }
        var overall = Table("all", (_, _) => true);
        var tables = groups.Select(g => Table(g, (_, label) => label == g)).ToArray();
        return new TransitionResult(kind == TransitionKind.Phase ? "phase" : "category", from.Label, to.Label, overall, tables,
            Released(parts.Sum(p => p.WithoutBothVisits), parts.Select(p => p.WithoutBothVisitsKey), disclosure),
            "exact Poisson (Garwood) per 1,000 person-years; at risk: a known state short of the worst",
            await ProvenanceOf(query.Hash("transitions", from.Label, to.Label, kind.ToString())))
        {
            Disclosure = disclosure.Describe(),
            Model = Model(parts, states, disclosure),
        };
    }

    /// <summary>
    /// Progression out of one starting state: counts suppressed when small and perturbed with their keys (each count's key holds those
    /// at risk), interval-censored person-years perturbed as a magnitude, the confirmed and raw rates from the released pieces.
    /// </summary>
    private ProgressionRow Row(string state, MoveCounts m, int s, DisclosureControl disclosure)
    {
        var population = new CellKey(m.AtRiskKeys[s]);
        var atRisk = Released(m.AtRisk[s]) is null ? null : (long?)disclosure.Count(m.AtRisk[s], population);
        long? Count(long[] counts, uint[] keys) => atRisk is null || Released(counts[s]) is null || Released(m.AtRisk[s] - counts[s]) is null ? null
            : Math.Min(disclosure.Count(counts[s], new CellKey(keys[s]).Merge(population)), atRisk.Value);
        double Years(double y) => disclosure.Total(y, m.LongestInterval[s], population);
        var confirmed = Count(m.Confirmed, m.ConfirmedKeys);
        var raw = Count(m.Progressions, m.ProgressionKeys);
        var years = Years(m.CensoredYears[s]);
        var rate = confirmed is { } c ? PoissonRate.Exact(c, years) : null;
        var rawYears = Years(m.RawCensoredYears[s]);
        return new ProgressionRow(state, atRisk, raw, confirmed, Count(m.Regressions, m.RegressionKeys), Count(m.ConfirmedRegressions, m.ConfirmedRegressionKeys),
            years, rate?.Rate, rate?.Lower, rate?.Upper, raw is { } r && rawYears > 0 ? r / rawYears * 1000 : null);
    }

    /// <summary>
    /// The hidden Markov model over every kept participant's visits: fitted on the distinct state sequences (perturbed counts in a
    /// perturbed view, each with its own and the population's key; results rounded), the unknown state treated as missing.
    /// </summary>
    private ProgressionModelView Model(IReadOnlyList<TransitionCounts> parts, string[] states, DisclosureControl disclosure)
    {
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
        ProgressionModelView Undefined(string why) => new(known, [], [], [], [], [], Math.Round(meanInterval, 3), Released(participants), assumptions, false, 0, why);
        if (SmallCellSuppression.IsSmall(participants, Threshold) || participants < 100) return Undefined("fewer than 100 participants");
        if (intervals == 0) return Undefined("no participant has two visits");
        var sequences = counts.Select(kv => new Domain.Progression.ObservedSequence(
            kv.Key.Select(ch => ch - '1').ToArray(), disclosure.Count(kv.Value.Count, new CellKey(kv.Value.Key).Merge(population)))).ToArray();
        var (fit, rates) = Domain.Progression.ProgressionBootstrap.Rates(sequences, known.Length, meanInterval, resamples: 100);
        double R(double x) => disclosure.Perturbed ? DisclosureControl.Round(x, 3) : x;
        double? Per1000(double x) => double.IsFinite(x) ? R(x * 1000) : null;
        IReadOnlyList<IReadOnlyList<double>> Matrix(double[,] m) => Enumerable.Range(0, known.Length)
            .Select(i => (IReadOnlyList<double>)Enumerable.Range(0, known.Length).Select(j => Math.Round(m[i, j], 4)).ToArray()).ToArray();
        return new ProgressionModelView(known, rates.Select(r => Per1000(r.Rate)).ToArray(), rates.Select(r => Per1000(r.Lower)).ToArray(),
            rates.Select(r => Per1000(r.Upper)).ToArray(), Matrix(fit.Transition), Matrix(fit.Misclassification), Math.Round(meanInterval, 3),
            Released(participants) is null ? null : disclosure.Count(participants, population), assumptions, fit.Converged, rates.Max(r => r.Resamples), null);
    }

    private long? Released(long count) => SmallCellSuppression.IsSmall(count, Threshold) ? null : count;

    /// <summary>A count as released: suppressed when small, else perturbed with the key of the people it counts (summed over shards).</summary>
    private long? Released(long count, IEnumerable<uint> keys, DisclosureControl disclosure) =>
        Released(count) is null ? null : disclosure.Count(count, keys.Aggregate(CellKey.Empty, (k, x) => k.Add(x)));

    /// <summary>
    /// Counts that add up to a total, with small ones and their complements left out (a missing key is suppressed); the rest released
    /// through the disclosure control with their cells' keys.
    /// </summary>
    private IReadOnlyDictionary<string, long> Suppressed(IEnumerable<(string Code, long Count, uint Key)> counts, DisclosureControl disclosure)
    {
        var all = counts.ToArray();
        var hidden = SmallCellSuppression.Line(all.Select(c => c.Count).ToArray(), Threshold);
        return all.Where((_, i) => !hidden[i]).ToDictionary(c => c.Code, c => disclosure.Count(c.Count, new CellKey(c.Key)));
    }

    public async Task<CohortOverview> Overview()
    {
        var parts = await Task.WhenAll(Shards().Select(s => s.Overview()));
        var byMarker = new long[MarkerCatalogue.All.Count];
        var byCategory = new long[Enum.GetValues<GlycaemicCategory>().Length];
        var byPhase = new long[Enum.GetValues<Phase>().Length];
        var byFlag = new long[16];
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
            for (var i = 0; i < byMarker.Length; i++) byMarker[i] += p.ObservationsByMarker[i];
        }
        var runs = await GrainFactory.GetGrain<IIngestRunsGrain>(0).List();
        var o = Options;
        var evaluation = o.Evaluation();
        var disclosure = Disclosure;
        return new CohortOverview(
            parts.Sum(p => p.Participants), parts.Sum(p => p.Visits), parts.Sum(p => p.Observations),
            MarkerCatalogue.All.Where(d => byMarker[(int)d.Marker] > 0).ToDictionary(d => d.Code, d => byMarker[(int)d.Marker]),
            Suppressed(Enum.GetValues<GlycaemicCategory>().Select(c => (c.Code(), byCategory[(int)c], categoryKeys[(int)c])), disclosure),
            Suppressed(Enum.GetValues<Phase>().Select(p => (p.Code(), byPhase[(int)p], phaseKeys[(int)p])), disclosure),
            runs.Count > 0 ? runs[^1] : null,
            o.Shards,
            new FactorsView(o.GlucoseFactor, o.InsulinFactor, evaluation.RuleSet.Code(), evaluation.PhaseCutoff.Source),
            VisitFlagNames.All.ToDictionary(f => f.Code, f =>
            {
                var bit = System.Numerics.BitOperations.Log2((uint)f.Flag);
                return Released(byFlag[bit], [flagKeys[bit]], disclosure);
            }))
        {
            Disclosure = disclosure.Perturbed ? disclosure.Describe() + "; the cohort's totals of participants, visits and observations are exact" : disclosure.Describe(),
        };
    }

    public async Task<PhenotypeTableResult> PhenotypeTable(CohortQuery query)
    {
        var parts = await Task.WhenAll(Shards().Select(s => s.PhenotypeTable(query)));
        var phenotypes = Enum.GetValues<Phenotype>();
        var strata = StrataOrder.Sort(query.StrataBy, parts.SelectMany(p => p.Strata.Keys).Distinct()).ToArray();
        var cells = new long[strata.Length * phenotypes.Length];
        var keys = new uint[cells.Length];
        foreach (var part in parts)
            for (var r = 0; r < strata.Length; r++)
            {
                if (part.Strata.TryGetValue(strata[r], out var row))
                    for (var c = 0; c < phenotypes.Length; c++) cells[r * phenotypes.Length + c] += row[c];
                if (part.Keys?.TryGetValue(strata[r], out var k) == true)
                    for (var c = 0; c < phenotypes.Length; c++) keys[r * phenotypes.Length + c] = unchecked(keys[r * phenotypes.Length + c] + k[c]);
            }
        var disclosure = Disclosure;
        var hidden = SmallCellSuppression.Table(cells, strata.Length, phenotypes.Length, Threshold);
        var complement = SmallCellSuppression.Complements(cells, hidden, Threshold);
        var rows = strata.Select((label, r) =>
        {
            var rowKey = new CellKey(Enumerable.Range(0, phenotypes.Length).Aggregate(0u, (sum, c) => unchecked(sum + keys[r * phenotypes.Length + c])));
            var counts = phenotypes.Select((_, c) => hidden[r * phenotypes.Length + c] ? null
                : (long?)disclosure.Count(cells[r * phenotypes.Length + c], new CellKey(keys[r * phenotypes.Length + c]).Merge(rowKey))).ToArray();
            var total = Enumerable.Range(0, phenotypes.Length).Sum(c => cells[r * phenotypes.Length + c]);
            return new PhenotypeTableRow(label, counts, Released(total) is null ? null : disclosure.Count(total, rowKey)) { Complement = complement.Skip(r * phenotypes.Length).Take(phenotypes.Length).ToArray() };
        }).ToArray();
        return new PhenotypeTableResult(query.StrataBy == Dimension.None ? "all" : query.StrataBy.ToString().ToLowerInvariant(), query.Visit.Label,
            phenotypes.Select(p => p.Code()).ToArray(), rows,
            Released(parts.Sum(p => p.WithoutVisit), parts.Select(p => p.WithoutVisitKey), disclosure), await ProvenanceOf(query.Hash("phenotype-table")))
        {
            Disclosure = disclosure.Describe(),
        };
    }

    public Task FlushShards() => Task.WhenAll(Shards().Select(s => s.Flush()));
}
