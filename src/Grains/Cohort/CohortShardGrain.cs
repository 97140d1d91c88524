using Cohort.Contracts.Cohort;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Markers;
using Cohort.Domain.Phases;
using Cohort.Domain.Statistics;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Cohort;

/// <summary>
/// One shard of the cohort: its participants' summaries held as columns (one array per field and per metric), persisted as one blob
/// at the end of each ingest run, on a timer when changed, and on deactivation. Everything here can be rebuilt from the participants;
/// queries never touch participant grains.
/// </summary>
public sealed class CohortShardGrain(
    [PersistentState("shard", StorageOptions.ProviderName)] IPersistentState<ShardState> state) : Grain, ICohortShardGrain
{
    private ShardColumns _columns = null!;
    private bool _dirty;
    private int[]? _order;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        _columns = new ShardColumns(state.State);
        this.RegisterGrainTimer(FlushIfDirty, new GrainTimerCreationOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct) => FlushIfDirty();

    public Task Upsert(ParticipantSummary summary)
    {
        var count = _columns.Count;
        if (_columns.Upsert(summary))
        {
            _dirty = true;
            if (_columns.Count != count) _order = null;
        }
        return Task.CompletedTask;
    }

    public Task Flush() => FlushIfDirty();

    private async Task FlushIfDirty()
    {
        if (!_dirty) return;
        _dirty = false;
        _columns.Trim();
        await state.WriteStateAsync();
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

    public Task<DistributionPartial> Distribution(int metric, VisitSelector visit)
    {
        var column = state.State.Visit(visit).Metrics is { Length: > 0 } metrics ? metrics[metric] : [];
        var sketch = new QuantileSketch();
        long n = 0, missing = 0;
        double sum = 0, sumSq = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var slot in Ordered())
        {
            var x = column[slot];
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
        var s = state.State;
        var byMarker = new long[MarkerCatalogue.All.Count];
        var byCategory = new long[Enum.GetValues<GlycaemicCategory>().Length];
        var byPhase = new long[Enum.GetValues<Phase>().Length];
        long visits = 0, observations = 0;
        for (var i = 0; i < s.Count; i++)
        {
            visits += s.Visits[i];
            observations += s.Observations[i];
            byCategory[s.Baseline.Category[i]]++;
            byPhase[s.Baseline.Phase[i]]++;
        }
        for (var m = 0; m < byMarker.Length && m < s.ObservationsByMarker.Length; m++)
            for (var i = 0; i < s.Count; i++) byMarker[m] += s.ObservationsByMarker[m][i];
        return Task.FromResult(new ShardOverview(s.Count, visits, observations, byMarker, byCategory, byPhase));
    }
}
