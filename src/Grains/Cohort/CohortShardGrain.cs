using Cohort.Contracts.Audit;
using Cohort.Contracts.Cohort;
using Cohort.Contracts.Phenotypes;
using Cohort.Domain.Cutoffs;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Phases;
using Cohort.Domain.Progression;
using Cohort.Domain.Statistics;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Cohort;

/// <summary>
/// One shard of the cohort: its participants' summaries held as columns (one array per field and per metric), persisted as one blob
/// at the end of each ingest run and on deactivation (trimmed to the slots in use), and every five minutes when changed (as is: trimming
/// there made the next upserts grow the arrays again, and a 30-second timer rewrote tens of megabytes per shard over and over during a
/// 1M-participant ingest). Everything here can be rebuilt from the participants; queries never touch participant grains.
/// </summary>
[GrainType("cohortshard")]
public sealed class CohortShardGrain(
    [PersistentState("shard", StorageOptions.ProviderName)] IPersistentState<ShardState> state,
    Microsoft.Extensions.Options.IOptions<Hosting.CohortOptions> options) : Grain, ICohortShardGrain
{
    private ShardColumns _columns = null!;
    private ShardPhenotypes _phenotypes = null!;
    private bool _dirty;
    private int[]? _order;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _columns = new ShardColumns(ShardColumns.Upgrade(state.State));
        _phenotypes = new ShardPhenotypes(state.State);
        this.RegisterGrainTimer(() => FlushIfDirty(trim: false), new GrainTimerCreationOptions(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)) { KeepAlive = true });
        // A model published after this shard last persisted (the silo stopped before the flush) is applied again from the model store.
        var latest = await GrainFactory.GetGrain<Contracts.Phenotypes.IPhenotypeModelGrain>(0).Latest();
        if (latest is not null && latest.Version != state.State.Model?.Version)
        {
            _phenotypes.AssignAll(latest);
            _dirty = true;
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct) => FlushIfDirty(trim: true);

    public Task Upsert(ParticipantSummary summary)
    {
        var count = _columns.Count;
        if (_columns.Upsert(summary, out var slot))
        {
            _phenotypes.Assign(slot);
            _dirty = true;
            if (_columns.Count != count) _order = null;
        }
        return Task.CompletedTask;
    }

    public Task Flush() => FlushIfDirty(trim: true);

    public Task<PhenotypeFeatureBlock> PhenotypeFeatures(VisitChoice visit, int[] metrics) =>
        Task.FromResult(_phenotypes.Features(visit, metrics, Ordered()));

    /// <summary>
    /// Assigns everyone with the model and marks the shard for the next flush (the model itself is already durable in the model
    /// grain, and a shard that restarts without having persisted it applies it again on activation).
    /// </summary>
    public Task<PhenotypeAssignmentCounts> ApplyPhenotypeModel(PhenotypeModel model)
    {
        var counts = _phenotypes.AssignAll(model);
        _dirty = true;
        return Task.FromResult(counts);
    }

    public Task<PhenotypeAssignmentCounts?> PhenotypeCounts() => Task.FromResult(_phenotypes.Counts());

    public Task<long[]> ComparePhenotypeModels(PhenotypeModel a, PhenotypeModel b) => Task.FromResult(_phenotypes.Compare(a, b));

    public Task<StrataPhenotypeCounts> PhenotypeTable(CohortQuery query)
    {
        var scan = Scan(query);
        var phenotypes = Enum.GetValues<Domain.Phenotypes.Phenotype>().Length;
        var strata = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        var keys = new Dictionary<string, uint[]>(StringComparer.Ordinal);
        foreach (var (slot, _, stratum) in scan.Rows())
        {
            var label = scan.StratumLabel(stratum);
            if (!strata.TryGetValue(label, out var row))
            {
                strata[label] = row = new long[phenotypes];
                keys[label] = new uint[phenotypes];
            }
            var p = state.State.Phenotype[slot];
            row[p]++;
            keys[label][p] = unchecked(keys[label][p] + state.State.RecordKey[slot]);
        }
        var (without, withoutKey) = scan.WithoutVisit();
        return Task.FromResult(new StrataPhenotypeCounts(strata, without) { Keys = keys, WithoutVisitKey = withoutKey });
    }

    private async Task FlushIfDirty(bool trim)
    {
        if (!_dirty) return;
        _dirty = false;
        if (trim) _columns.Trim();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            // Another activation of this shard wrote in between (two can exist briefly while the cluster replaces a dead silo). This
            // one's summaries may be incomplete: drop it, so the next call activates from the stored blob; re-running the ingest
            // sends every participant's summary again.
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Slots in participant-id order: queries sum in this order so that answers do not depend on the order summaries arrived in
    /// (which differs between runs and cluster sizes); floating-point sums are then byte-identical.
    /// </summary>
    private int[] Ordered()
    {
        var s = state.State;
        if (_order is { } o && o.Length == s.Count) return o;
        var order = Enumerable.Range(0, s.Count).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(s.Ids[a], s.Ids[b]));
        return _order = order;
    }

    private ShardScan Scan(CohortQuery query) => new(state.State, query, Ordered());

    public Task<StrataDistribution> Distribution(CohortQuery query, int metric)
    {
        var scan = Scan(query);
        var strata = new Accumulator?[scan.Strata];
        foreach (var (slot, k, stratum) in scan.Rows())
            (strata[stratum] ??= new Accumulator()).Add(scan.Metric(slot, k, metric), state.State.RecordKey[slot]);
        var byLabel = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
        for (var code = 0; code < strata.Length; code++)
            if (strata[code] is { } a)
            {
                var label = scan.StratumLabel(code);
                if (byLabel.TryGetValue(label, out var same)) same.Merge(a); else byLabel[label] = a;
            }
        var (without, withoutKey) = scan.WithoutVisit();
        return Task.FromResult(new StrataDistribution(byLabel.ToDictionary(kv => kv.Key, kv => kv.Value.Partial()), without) { WithoutVisitKey = withoutKey });
    }

    /// <summary>Counts, sums and a quantile sketch of one stratum's values.</summary>
    private sealed class Accumulator
    {
        private readonly QuantileSketch _sketch = new();
        private long _n, _missing;
        private double _sum, _sumSq, _min = double.PositiveInfinity, _max = double.NegativeInfinity;
        private CellKey _key, _missingKey;

        public void Add(float x, uint recordKey)
        {
            if (float.IsNaN(x)) { _missing++; _missingKey = _missingKey.Add(recordKey); return; }
            _n++;
            _key = _key.Add(recordKey);
            _sum += x;
            _sumSq += (double)x * x;
            if (x < _min) _min = x;
            if (x > _max) _max = x;
            _sketch.Add(x);
        }

        public void Merge(Accumulator other)
        {
            _n += other._n;
            _missing += other._missing;
            _key = _key.Merge(other._key);
            _missingKey = _missingKey.Merge(other._missingKey);
            _sum += other._sum;
            _sumSq += other._sumSq;
            _min = Math.Min(_min, other._min);
            _max = Math.Max(_max, other._max);
            _sketch.Merge(other._sketch.Offset, other._sketch.Counts, other._sketch.Zeros, other._sketch.NegativeOffset, other._sketch.NegativeCounts);
        }

        public DistributionPartial Partial() => new(_n, _missing, _sum, _sumSq, _n > 0 ? _min : double.NaN, _n > 0 ? _max : double.NaN,
            _sketch.Gamma, _sketch.Offset, _sketch.Counts.ToArray(), _sketch.Zeros, _sketch.NegativeOffset, _sketch.NegativeCounts.ToArray())
        {
            Key = _key.Sum, MissingKey = _missingKey.Sum,
        };
    }

    public Task<StrataCounts> Prevalence(CohortQuery query, Condition condition)
    {
        var scan = Scan(query);
        var strata = new SortedDictionary<string, PrevalenceCell>(StringComparer.Ordinal);
        var byCode = new PrevalenceCell?[scan.Strata];
        long undetermined = 0;
        var undeterminedKey = 0u;
        foreach (var (slot, k, stratum) in scan.Rows())
        {
            bool? status = condition.Kind switch
            {
                ConditionKind.Phase => scan.PhaseAt(slot, k) is var p && p == Phase.Unknown ? null : p.Code() == condition.Code,
                ConditionKind.Category => scan.CategoryAt(slot, k) is var c && c == GlycaemicCategory.Unknown ? null : c.Code() == condition.Code,
                ConditionKind.Phenotype => ((Domain.Phenotypes.Phenotype)state.State.Phenotype[slot]) is var f && f == Domain.Phenotypes.Phenotype.Unclassified
                    ? null : Domain.Phenotypes.PhenotypeNames.Code(f) == condition.Code,
                _ => scan.Metric(slot, k, condition.Metric) is var x && float.IsNaN(x) ? null : x >= condition.Threshold,
            };
            if (status is null)
            {
                undetermined++;
                undeterminedKey = unchecked(undeterminedKey + state.State.RecordKey[slot]);
                continue;
            }
            if (byCode[stratum] is not { } cell)
            {
                var label = scan.StratumLabel(stratum);
                if (!strata.TryGetValue(label, out cell)) strata[label] = cell = new PrevalenceCell();
                byCode[stratum] = cell;
            }
            var s = state.State;
            cell.Add(scan.AgeAt(slot, k), status.Value, s.RecordKey[slot], s.SurveyWeight[slot], s.FastingSurveyWeight[slot], DesignOf(slot));
        }
        var (without, withoutKey) = scan.WithoutVisit();
        return Task.FromResult(new StrataCounts(strata.ToDictionary(kv => kv.Key, kv => kv.Value.Counts(state.State.Dictionary)), without, undetermined)
        {
            WithoutVisitKey = withoutKey, UndeterminedKey = undeterminedKey, DesignPsus = DesignPsus(),
        });
    }

    /// <summary>A participant's survey stratum and PSU codes, or null when the file gave either one empty.</summary>
    private (ushort Stratum, ushort Psu)? DesignOf(int slot)
    {
        var s = state.State;
        return s.Dictionary[s.SurveyStratum[slot]].Length == 0 || s.Dictionary[s.SurveyPsu[slot]].Length == 0 ? null : (s.SurveyStratum[slot], s.SurveyPsu[slot]);
    }

    /// <summary>Every (stratum, PSU) of the design among the shard's participants (null when nobody has one).</summary>
    private PsuCell[]? DesignPsus()
    {
        var s = state.State;
        var seen = new SortedSet<(string, string)>();
        for (var slot = 0; slot < s.Count; slot++)
            if (DesignOf(slot) is { } d) seen.Add((s.Dictionary[d.Stratum], s.Dictionary[d.Psu]));
        return seen.Count == 0 ? null : seen.Select(p => new PsuCell(p.Item1, p.Item2, -1, 0, 0, 0)).ToArray();
    }

    /// <summary>One stratum's cases and participants by age, their cell keys, and the survey-weighted sums under both weights.</summary>
    private sealed class PrevalenceCell
    {
        private readonly long[] _cases = new long[AgeCounts.UnknownAge + 1], _totals = new long[AgeCounts.UnknownAge + 1];
        private readonly uint[] _caseKeys = new uint[AgeCounts.UnknownAge + 1], _totalKeys = new uint[AgeCounts.UnknownAge + 1];
        private readonly double[] _cased = new double[2], _weighted = new double[2], _squares = new double[2], _largest = new double[2];
        private readonly long[] _withWeight = new long[2];
        private readonly SortedDictionary<(ushort Stratum, ushort Psu, int Age), (double Cases, double Total, int Units)>[] _design = [new(), new()];

        public void Add(double age, bool isCase, uint recordKey, float weight, float fastingWeight, (ushort Stratum, ushort Psu)? design)
        {
            var i = double.IsNaN(age) || age < 0 ? AgeCounts.UnknownAge : (int)Math.Min(age, AgeCounts.UnknownAge - 1);
            _totals[i]++;
            _totalKeys[i] = unchecked(_totalKeys[i] + recordKey);
            if (isCase)
            {
                _cases[i]++;
                _caseKeys[i] = unchecked(_caseKeys[i] + recordKey);
            }
            Weigh(0, weight, isCase, design, i);
            Weigh(1, fastingWeight, isCase, design, i);
        }

        private void Weigh(int which, float w, bool isCase, (ushort Stratum, ushort Psu)? design, int age)
        {
            if (!float.IsFinite(w) || w <= 0) return;
            if (design is { } d)
            {
                var key = (d.Stratum, d.Psu, age);
                var (cases, total, units) = _design[which].GetValueOrDefault(key);
                _design[which][key] = (cases + (isCase ? w : 0), total + w, units + 1);
            }
            _withWeight[which]++;
            _weighted[which] += w;
            _squares[which] += (double)w * w;
            _largest[which] = Math.Max(_largest[which], w);
            if (isCase) _cased[which] += w;
        }

        public AgeCounts Counts(IReadOnlyList<string> dictionary) => new(_cases, _totals, _cased[0], _weighted[0], _squares[0], _withWeight[0])
        {
            Design = Cells(0, dictionary), FastingDesign = Cells(1, dictionary),
            FastingWeightedCases = _cased[1], FastingWeightedTotal = _weighted[1], FastingSumOfSquaredWeights = _squares[1], WithFastingWeight = _withWeight[1],
            CaseKeys = _caseKeys, TotalKeys = _totalKeys, LargestWeight = _largest[0], LargestFastingWeight = _largest[1],
        };

        private PsuCell[]? Cells(int which, IReadOnlyList<string> dictionary) => _design[which].Count == 0 ? null
            : _design[which].Select(kv => new PsuCell(dictionary[kv.Key.Stratum], dictionary[kv.Key.Psu], kv.Key.Age, kv.Value.Cases, kv.Value.Total, kv.Value.Units)).ToArray();
    }

    public Task<CutoffCounts> HomaIrCutoffs(CohortQuery query, string[] cutoffIds)
    {
        var cutoffs = cutoffIds.Select(CutoffRegistry.Get).ToArray();
        var factors = options.Value.Factors();
        var scan = Scan(query);
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
            var subject = new CutoffSubject((Sex)state.State.Sex[slot], Known(scan.AgeAt(slot, k)), homa, Known(scan.Metric(slot, k, (int)Marker.Bmi)),
                glucose is { } g ? factors.GlucoseToMgDl(g) : null, scan.CategoryAt(slot, k) == GlycaemicCategory.Diabetes);
            var stratum = scan.StratumLabel(code);
            var key = state.State.RecordKey[slot];
            if (homa is not null)
            {
                defined[stratum] = defined.GetValueOrDefault(stratum) + 1;
                definedKeys[stratum] = unchecked(definedKeys.GetValueOrDefault(stratum) + key);
            }
            if (!above.TryGetValue(stratum, out var cases))
            {
                above[stratum] = cases = new long[cutoffs.Length];
                applicable[stratum] = new long[cutoffs.Length];
                aboveKeys[stratum] = new uint[cutoffs.Length];
                applicableKeys[stratum] = new uint[cutoffs.Length];
            }
            var totals = applicable[stratum];
            for (var t = 0; t < cutoffs.Length; t++)
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
        return Task.FromResult(new CutoffCounts(defined, above, scan.WithoutVisit().Count, applicable)
        {
            DefinedKeys = definedKeys, ApplicableKeys = applicableKeys, AtOrAboveKeys = aboveKeys,
        });
    }

    public Task<ReferenceRow[]> ReferenceRows(CohortQuery query)
    {
        var scan = Scan(query);
        var rows = new List<ReferenceRow>();
        foreach (var (slot, k, _) in scan.Rows())
        {
            // The shards keep no 2-h glucose: a visit in the prediabetes or diabetes range (by any test, 2-h glucose included) is
            // left out here, which is what the reference criteria ask of a measured 2-h glucose and HbA1c.
            if (scan.CategoryAt(slot, k) != GlycaemicCategory.Normal) continue;
            float M(Marker m) => scan.Metric(slot, k, (int)m);
            rows.Add(new ReferenceRow(state.State.Sex[slot], (float)scan.AgeAt(slot, k), M(Marker.Glucose), float.NaN, M(Marker.HbA1c), M(Marker.Bmi),
                M(Marker.Triglycerides), M(Marker.Hdl), scan.Metric(slot, k, ShardScan.HomaIrPosition)));
        }
        return Task.FromResult(rows.ToArray());
    }

    /// <summary>
    /// One shard's participant-level rows. Every call by a person (any call with an actor: the dashboard's or the CLI's export, or a
    /// gateway client calling shards itself) is audited here, so that no route reads participant-level data unrecorded.
    /// </summary>
    public async Task<ExportChunk> Export(CohortQuery query)
    {
        var chunk = ExportRows(query);
        await GrainFactory.AuditPersonRead(Contracts.Audit.AuditActions.ExportShard, $"shard {this.GetPrimaryKeyLong()}",
            $"{chunk.Count} visits of {chunk.ParticipantId.Distinct().Count()} participants; filter {System.Text.Json.JsonSerializer.Serialize(query.Filter)}");
        return chunk;
    }

    private ExportChunk ExportRows(CohortQuery query)
    {
        if (!options.Value.ExportEnabled)
            throw new ExportRefusedException("participant-level export is turned off on this cohort (Cohort:ExportEnabled is false)");
        var s = state.State;
        var scan = Scan(query with { Filter = query.Filter with { Category = null, Phase = null, AgeBandAtVisit = null } });
        var rows = new List<(int Slot, int K)>();
        foreach (var (slot, _, _) in scan.Rows(VisitChoice.Baseline))
            for (var k = 0; k < s.Visits[slot]; k++) rows.Add((slot, k));
        var metrics = Enumerable.Range(0, s.ByVisit.Count == 0 ? 0 : s.ByVisit[0].Metrics.Length)
            .Select(m => rows.Select(r => s.ByVisit[r.K].Metrics[m][r.Slot]).ToArray()).ToArray();
        string Text(ushort code) => code < s.Dictionary.Count ? s.Dictionary[code] : "";
        return new ExportChunk(
            rows.Select(r => s.Ids[r.Slot]).ToArray(), rows.Select(r => (short)(r.K + 1)).ToArray(), rows.Select(r => s.ByVisit[r.K].Day[r.Slot]).ToArray(),
            rows.Select(r => s.Sex[r.Slot]).ToArray(), rows.Select(r => s.BirthYear[r.Slot]).ToArray(), rows.Select(r => Text(s.Ethnicity[r.Slot])).ToArray(),
            rows.Select(r => Text(s.Site[r.Slot])).ToArray(), rows.Select(r => s.SurveyWeight[r.Slot]).ToArray(), rows.Select(r => s.ByVisit[r.K].Category[r.Slot]).ToArray(),
            rows.Select(r => (byte)scan.PhaseAt(r.Slot, r.K)).ToArray(), rows.Select(r => s.Phenotype[r.Slot]).ToArray(), metrics,
            rows.Select(r => s.PhenotypeCluster[r.Slot]).ToArray(), rows.Select(r => s.PhenotypeDistance[r.Slot]).ToArray(),
            rows.Select(r => s.PhenotypeMargin[r.Slot]).ToArray(),
            rows.Select(r => s.ByVisit[r.K].Flags is { } f && r.Slot < f.Length ? f[r.Slot] : (ushort)0).ToArray());
    }

    public Task<TransitionCounts> Transitions(CohortQuery query, VisitChoice from, VisitChoice to, TransitionKind kind)
    {
        var scan = Scan(query with { Visit = from });
        var states = kind == TransitionKind.Phase ? Enum.GetValues<Phase>().Length : Enum.GetValues<GlycaemicCategory>().Length;
        var matrix = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        var keys = new Dictionary<string, uint[]>(StringComparer.Ordinal);
        long without = 0;
        var withoutKey = 0u;
        var moves = new SortedDictionary<string, MoveCounts>(StringComparer.Ordinal);
        var sequences = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var sequenceKeys = new Dictionary<string, uint>(StringComparer.Ordinal);
        double intervalYears = 0;
        long intervals = 0;
        int StateAt(int slot, int k) => kind == TransitionKind.Phase ? (int)scan.PhaseAt(slot, k) : (int)scan.CategoryAt(slot, k);
        foreach (var (slot, kFrom, code) in scan.Rows())
        {
            var stratum = scan.StratumLabel(code);
            var key = state.State.RecordKey[slot];
            // Every visit's state, for the hidden Markov model (whatever the two visits compared).
            var visits = Math.Min(state.State.Visits[slot], state.State.ByVisit.Count);
            var digits = new char[visits];
            for (var k = 0; k < visits; k++) digits[k] = (char)('0' + StateAt(slot, k));
            var sequence = new string(digits);
            sequences[sequence] = sequences.GetValueOrDefault(sequence) + 1;
            sequenceKeys[sequence] = unchecked(sequenceKeys.GetValueOrDefault(sequence) + key);
            for (var k = 1; k < visits; k++) { intervalYears += (scan.Day(slot, k) - scan.Day(slot, k - 1)) / 365.25; intervals++; }
            var kTo = state.State.VisitIndex(slot, to);
            if (kTo <= kFrom) { without++; withoutKey = unchecked(withoutKey + key); continue; }
            int a = StateAt(slot, kFrom);
            int b = StateAt(slot, kTo);
            // At risk of progressing: a known state short of the worst; a progression is a move to a known, worse state (0 is unknown).
            if (a > 0 && a < states - 1 && b > 0)
            {
                if (!moves.TryGetValue(stratum, out var mc)) moves[stratum] = mc = MoveCounts.Empty(states);
                int? next = kTo + 1 < visits ? StateAt(slot, kTo + 1) : null;
                var confirmed = b != a && TransitionConfirmation.Confirms(a, b, next, Evidence(slot, kFrom), Evidence(slot, kTo), kind == TransitionKind.Phase);
                var span = (scan.Day(slot, kTo) - scan.Day(slot, kFrom)) / 365.25;
                mc.AtRisk[a]++;
                mc.AtRiskKeys[a] = unchecked(mc.AtRiskKeys[a] + key);
                mc.LongestInterval[a] = Math.Max(mc.LongestInterval[a], span);
                mc.Years[a] += span;
                mc.CensoredYears[a] += b > a && confirmed ? span / 2 : span;
                mc.RawCensoredYears[a] += b > a ? span / 2 : span;
                if (b > a)
                {
                    mc.Progressions[a]++;
                    mc.ProgressionKeys[a] = unchecked(mc.ProgressionKeys[a] + key);
                    if (confirmed) { mc.Confirmed[a]++; mc.ConfirmedKeys[a] = unchecked(mc.ConfirmedKeys[a] + key); }
                }
                else if (b < a)
                {
                    mc.Regressions[a]++;
                    mc.RegressionKeys[a] = unchecked(mc.RegressionKeys[a] + key);
                    if (confirmed) { mc.ConfirmedRegressions[a]++; mc.ConfirmedRegressionKeys[a] = unchecked(mc.ConfirmedRegressionKeys[a] + key); }
                }
            }
            if (!matrix.TryGetValue(stratum, out var m))
            {
                matrix[stratum] = m = new long[states * states];
                keys[stratum] = new uint[states * states];
            }
            m[a * states + b]++;
            keys[stratum][a * states + b] = unchecked(keys[stratum][a * states + b] + key);
        }
        var (missing, missingKey) = scan.WithoutVisit();
        return Task.FromResult(new TransitionCounts(matrix, without + missing)
        {
            MatrixKeys = keys,
            WithoutBothVisitsKey = unchecked(withoutKey + missingKey),
            Moves = moves, Sequences = sequences, SequenceKeys = sequenceKeys, IntervalYears = intervalYears, Intervals = intervals,
        });
    }

    private static readonly int FastingGlucose = Domain.Metrics.MetricCatalogue.PositionOf("glucose");
    private const ushort DiagnosedOrTreated = (ushort)(Domain.Visits.VisitFlags.DiagnosedDiabetes | Domain.Visits.VisitFlags.GlucoseLoweringMedication | Domain.Visits.VisitFlags.InsulinTreatment);

    /// <summary>What visit k says that can confirm a move: its fasting glucose, HOMA-IR and any diagnosis or treatment.</summary>
    private VisitEvidence Evidence(int slot, int k)
    {
        var c = state.State.ByVisit[k];
        return new VisitEvidence(c.Metrics[FastingGlucose][slot], c.Metrics[ShardScan.HomaIrPosition][slot], (c.Flags[slot] & DiagnosedOrTreated) != 0);
    }

    public Task<ShardOverview> Overview()
    {
        var s = state.State;
        var byMarker = new long[MarkerCatalogue.All.Count];
        var byCategory = new long[Enum.GetValues<GlycaemicCategory>().Length];
        var byPhase = new long[Enum.GetValues<Phase>().Length];
        var byFlag = new long[16];
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
        return Task.FromResult(new ShardOverview(s.Count, visits, observations, byMarker, byCategory, byPhase, byFlag)
        {
            CategoryKeys = categoryKeys, PhaseKeys = phaseKeys, FlagKeys = flagKeys,
        });
    }
}
