using Cohort.Contracts.Audit;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Cutoffs;
using Cohort.Domain.Statistics;
using Cohort.Grains.Markers;
using Cohort.Grains.Queries;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Shards;

/// <summary>
/// One shard of the cohort: its participants' summaries held as columns (one array per field and per metric), persisted as one blob
/// when a run prepares and on deactivation (trimmed to the slots in use), and every five minutes when changed (as is: trimming there
/// made the next upserts grow the arrays again). A writing run stages its summaries and events beside the columns; they join the
/// columns only when the run's commit record exists, and every query answers as of the epoch it pinned, so that no query sees part
/// of a run (<see cref="Invoke"/>). Everything here can be rebuilt from the participants; queries never touch participant grains.
/// </summary>
[GrainType("cohortshard")]
public sealed class CohortShardGrain(
    [PersistentState("shard", StorageOptions.ProviderName)] IPersistentState<ShardState> state,
    Microsoft.Extensions.Options.IOptions<Hosting.CohortOptions> options,
    Ingest.RunDecisions decisions,
    GroupCommitGrainStorage storage,
    Domain.Disclosure.IRecordKeySource recordKeys) : Grain, ICohortShardGrain, IIncomingGrainCallFilter
{
    private readonly Participants.ParticipantWriter _writer = new(storage, decisions, recordKeys, options.Value);
    private ShardColumns _columns = null!;
    private ShardPhenotypes _phenotypes = null!;
    private ShardEvents _events = null!;
    private ShardStaging _staging = null!;
    private bool _dirty;
    private int[]? _order;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _columns = new ShardColumns(ShardColumns.Upgrade(state.State));
        _phenotypes = new ShardPhenotypes(state.State);
        _events = new ShardEvents(_columns);
        _staging = new ShardStaging(state.State);
        this.RegisterGrainTimer(() => FlushIfDirty(trim: false), new GrainTimerCreationOptions(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)) { KeepAlive = true });
        // A model published after this shard last persisted (the silo stopped before the flush) is applied again from the model store.
        var latest = await GrainFactory.GetGrain<Contracts.Phenotypes.IPhenotypeModelGrain>(0).Latest();
        if (latest is not null && latest.Version != state.State.Model?.Version)
        {
            _phenotypes.AssignAll(latest);
            _dirty = true;
        }
        // A run staged before the silo stopped: applied if its commit record exists, dropped if it was abandoned.
        await Resolve(long.MaxValue);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct) => FlushIfDirty(trim: true);

    /// <summary>
    /// Every call that pinned the published data (a query) is answered as of that epoch: a shard behind it first applies the run it
    /// holds staged when that run's commit is within the epoch; a shard already past it (a run was published while the query ran)
    /// refuses, and the query asks every shard again at the newer epoch.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (PublishedSnapshot.Pinned() is { } pinned) await CatchUp(pinned);
        await context.Invoke();
    }

    private async Task CatchUp(Contracts.Ingest.PublishedData pinned)
    {
        if (state.State.Epoch == pinned.Epoch) return;
        if (state.State.Epoch > pinned.Epoch)
            throw new SnapshotMovedException($"shard {this.GetPrimaryKeyLong()} is at epoch {state.State.Epoch}, past the query's {pinned.Epoch}");
        // The pin travels with the call, from gateway clients too: the commit log, not the caller, says which epochs exist and what is in them.
        var published = await GrainFactory.GetGrain<Contracts.Ingest.IIngestRunsGrain>(0).Published();
        if (pinned.Epoch > published.Epoch)
            throw new ArgumentException($"epoch {pinned.Epoch} was never published (the latest is {published.Epoch})");
        await Resolve(pinned.Epoch);
        state.State.Epoch = pinned.Epoch;
    }

    /// <summary>Applies the staged run when its commit is within <paramref name="epoch"/>, drops it when it was abandoned, keeps it while open.</summary>
    private async Task Resolve(long epoch)
    {
        if (_staging.Run is not { } run) return;
        var decision = await decisions.Of(run);
        switch (decision.State)
        {
            case Contracts.Ingest.RunCommitState.Committed when decision.Epoch <= epoch:
                Apply();
                state.State.Epoch = Math.Max(state.State.Epoch, decision.Epoch);
                break;
            case Contracts.Ingest.RunCommitState.Abandoned or Contracts.Ingest.RunCommitState.Unknown:
                _staging.Clear();
                _dirty = true;
                break;
        }
    }

    /// <summary>Moves the staged summaries and events into the columns (a committed run's publication).</summary>
    private Contracts.Outcomes.EventMerge Apply()
    {
        var count = _columns.Count;
        foreach (var summary in _staging.Summaries)
            if (_columns.Upsert(summary, out var slot)) _phenotypes.Assign(slot);
        long added = 0, unchanged = 0, extended = 0;
        foreach (var rows in _staging.Events)
        {
            var merge = _events.Add(rows);
            (added, unchanged, extended) = (added + merge.Added, unchanged + merge.Unchanged, extended + merge.Extended);
        }
        _staging.Clear();
        _dirty = true;
        if (_columns.Count != count) _order = null;
        return new Contracts.Outcomes.EventMerge(added, unchanged, extended);
    }

    /// <summary>Takes the staging area for <paramref name="runId"/>, first settling a run staged before it.</summary>
    private async ValueTask Own(string runId)
    {
        if (_staging.Run == runId) return;
        await Resolve(long.MaxValue);
        if (_staging.Run is { } other)
            throw new Contracts.Ingest.RunNotOpenException($"shard {this.GetPrimaryKeyLong()} holds run {other}'s staged data and that run is still open");
        _staging.Begin(runId);
    }

    public async Task<Contracts.Participants.MergeResult> Write(string runId, Contracts.Participants.ParticipantWrite[] participants)
    {
        foreach (var p in participants)
            if (ShardMap.ShardOf(p.ParticipantId, options.Value.Shards) != this.GetPrimaryKeyLong())
                throw new ArgumentException($"participant {p.ParticipantId} belongs to shard {ShardMap.ShardOf(p.ParticipantId, options.Value.Shards)}, not {this.GetPrimaryKeyLong()}");
        await Own(runId);
        var (result, summaries) = await _writer.WriteAsync(runId, participants, async () => await GrainFactory.MarkersAsync(),
            id => _columns.TryGetSlot(id, out _) || _staging.Holds(id));
        foreach (var summary in summaries) _staging.Add(summary);
        _dirty = true;
        return result;
    }

    public async Task StageEvents(string runId, Contracts.Outcomes.EventRows rows)
    {
        await Own(runId);
        _staging.Add(rows);
        _dirty = true;
    }

    public async Task Prepare(string runId, int expected)
    {
        var held = _staging.Run == runId ? _staging.Summaries.Count + _staging.Events.Sum(e => e.Count) : 0;
        if (held != expected)
            throw new Contracts.Ingest.RunNotOpenException($"run {runId} cannot commit: shard {this.GetPrimaryKeyLong()} holds {held} of the {expected} participants " +
                "and event rows the run staged in it (its silo was lost during the run, and what it held in memory with it); nothing of the run was published — run the ingest again");
        if (held == 0) return;
        _dirty = true;
        await FlushIfDirty(trim: true);
    }

    public async Task<Contracts.Outcomes.EventMerge> Publish(string runId, long epoch)
    {
        // The commit log, not the caller, says that the run committed and at which epoch.
        var decision = await decisions.Of(runId);
        if (decision.State != Contracts.Ingest.RunCommitState.Committed || decision.Epoch != epoch)
            throw new ArgumentException($"run {runId} was not committed as epoch {epoch} (the commit log says {decision.State.ToString().ToLowerInvariant()}, epoch {decision.Epoch})");
        var merge = new Contracts.Outcomes.EventMerge(0, 0);
        if (_staging.Run == runId) merge = Apply();
        // An earlier run staged here and committed without this shard hearing of it must join the columns before the epoch moves on.
        else await Resolve(epoch);
        state.State.Epoch = Math.Max(state.State.Epoch, epoch);
        return merge;
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

    public Task<StrataPhenotypeCounts> PhenotypeTable(CohortQuery query) => Task.FromResult(PhenotypeTableKernel.Run(Scan(query)));

    private async Task FlushIfDirty(bool trim)
    {
        if (!_dirty) return;
        _dirty = false;
        if (trim) _columns.Trim();
        _staging.Mirror();
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
    private int[] Ordered() => _order is { } o && o.Length == state.State.Count ? o : _order = ShardScan.IdOrder(state.State);

    private ShardScan Scan(CohortQuery query) => new(state.State, query, Ordered());

    public Task<StrataDistribution> Distribution(CohortQuery query, int metric) => Task.FromResult(DistributionKernel.Run(Scan(query), metric));

    public Task<StrataCounts> Prevalence(CohortQuery query, Condition condition, string standard) =>
        Task.FromResult(PrevalenceKernel.Run(Scan(query), condition, StandardPopulation.Get(standard)));

    public Task<CutoffCounts> HomaIrCutoffs(CohortQuery query, string[] cutoffIds) =>
        Task.FromResult(CutoffKernel.Run(Scan(query), cutoffIds.Select(CutoffRegistry.Get).ToArray(), options.Value.Factors()));

    public Task<ReferenceRow[]> ReferenceRows(CohortQuery query) => Task.FromResult(ReferenceRowsKernel.Run(Scan(query)));

    public Task<TransitionCounts> Transitions(CohortQuery query, VisitChoice from, VisitChoice to, TransitionKind kind) =>
        Task.FromResult(TransitionKernel.Run(Scan(query with { Visit = from }), to, kind));

    public Task<ShardOverview> Overview() => Task.FromResult(OverviewKernel.Run(state.State));

    public async Task<Contracts.Outcomes.EventRejection[]> CheckEvents(Contracts.Outcomes.EventRows rows)
    {
        // Participants of a committed run this shard has not applied yet are participants.
        await Resolve(long.MaxValue);
        return _events.Check(rows);
    }

    public Task<Contracts.Outcomes.OutcomePartial> Outcomes(CohortQuery query, string eventCode) =>
        Task.FromResult(OutcomeKernel.Run(Scan(query), eventCode));

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

    private ExportChunk ExportRows(CohortQuery query) => options.Value.ExportEnabled
        ? ExportKernel.Run(Scan(ExportKernel.Scanned(query)), _phenotypes)
        : throw new ExportRefusedException("participant-level export is turned off on this cohort (Cohort:ExportEnabled is false)");
}
