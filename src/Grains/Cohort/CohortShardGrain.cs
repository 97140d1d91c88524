using Cohort.Contracts.Cohort;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Markers;
using Cohort.Domain.Phases;
using Cohort.Domain.Statistics;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Cohort;

/// <summary>
/// One shard of the cohort: participant summaries in memory (one row per participant, metrics as float arrays), persisted as one
/// blob at the end of each ingest run, on a timer when changed, and on deactivation. Everything here can be rebuilt from the
/// participants; queries never touch participant grains.
/// </summary>
public sealed class CohortShardGrain(
    [PersistentState("shard", StorageOptions.ProviderName)] IPersistentState<ShardState> state) : Grain, ICohortShardGrain
{
    private readonly Dictionary<string, int> _slots = [];
    private bool _dirty;
    private int[]? _order;

    /// <summary>
    /// Rows in participant-id order: queries sum in this order so that answers do not depend on the order summaries arrived in
    /// (which differs between runs and cluster sizes); floating-point sums are then byte-identical.
    /// </summary>
    private int[] Ordered()
    {
        if (_order is { } o && o.Length == Rows.Count) return o;
        var order = Enumerable.Range(0, Rows.Count).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(Rows[a].ParticipantId, Rows[b].ParticipantId));
        return _order = order;
    }

    private List<ParticipantSummary> Rows => state.State.Rows;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        for (var i = 0; i < Rows.Count; i++) _slots[Rows[i].ParticipantId] = i;
        this.RegisterGrainTimer(FlushIfDirty, new GrainTimerCreationOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct) => FlushIfDirty();

    public Task Upsert(ParticipantSummary summary)
    {
        if (_slots.TryGetValue(summary.ParticipantId, out var slot))
        {
            if (Same(Rows[slot], summary)) return Task.CompletedTask;
            Rows[slot] = summary;
        }
        else
        {
            _slots[summary.ParticipantId] = Rows.Count;
            Rows.Add(summary);
            _order = null;
        }
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task Flush() => FlushIfDirty();

    private async Task FlushIfDirty()
    {
        if (!_dirty) return;
        _dirty = false;
        await state.WriteStateAsync();
    }

    public Task<DistributionPartial> Distribution(int metric, VisitSelector visit)
    {
        var sketch = new QuantileSketch();
        long n = 0, missing = 0;
        double sum = 0, sumSq = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var slot in Ordered())
        {
            var row = Rows[slot];
            var v = visit == VisitSelector.Baseline ? row.Baseline : row.Latest;
            var x = v is null ? float.NaN : v.Metrics[metric];
            if (float.IsNaN(x)) { missing++; continue; }
            n++;
            sum += x;
            sumSq += (double)x * x;
            if (x < min) min = x;
            if (x > max) max = x;
            sketch.Add(x);
        }
        return Task.FromResult(new DistributionPartial(n, missing, sum, sumSq, n > 0 ? min : double.NaN, n > 0 ? max : double.NaN,
            sketch.Gamma, sketch.Offset, sketch.Counts.ToArray(), sketch.NonPositive));
    }

    public Task<ShardOverview> Overview()
    {
        var byMarker = new long[MarkerCatalogue.All.Count];
        var byCategory = new long[Enum.GetValues<GlycaemicCategory>().Length];
        var byPhase = new long[Enum.GetValues<Phase>().Length];
        long visits = 0, observations = 0;
        foreach (var row in Rows)
        {
            visits += row.Visits;
            observations += row.Observations;
            for (var m = 0; m < byMarker.Length && m < row.ObservationsByMarker.Length; m++) byMarker[m] += row.ObservationsByMarker[m];
            byCategory[row.Baseline?.Category ?? 0]++;
            byPhase[row.Baseline?.Phase ?? 0]++;
        }
        return Task.FromResult(new ShardOverview(Rows.Count, visits, observations, byMarker, byCategory, byPhase));
    }

    private static bool Same(ParticipantSummary a, ParticipantSummary b) =>
        a.Sex == b.Sex && a.BirthYear == b.BirthYear && a.Ethnicity == b.Ethnicity && a.Site == b.Site && a.SurveyWeight.Equals(b.SurveyWeight)
        && a.Visits == b.Visits && a.Observations == b.Observations && a.ObservationsByMarker.AsSpan().SequenceEqual(b.ObservationsByMarker)
        && SameVisit(a.Baseline, b.Baseline) && SameVisit(a.Latest, b.Latest);

    private static bool SameVisit(VisitSummary? a, VisitSummary? b) =>
        a is null ? b is null
        : b is not null && a.Day == b.Day && a.Category == b.Category && a.Phase == b.Phase && a.Metrics.AsSpan().SequenceEqual(b.Metrics);
}
