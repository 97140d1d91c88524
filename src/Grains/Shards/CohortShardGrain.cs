using Cohort.Contracts.Audit;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Cutoffs;
using Cohort.Grains.Queries;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Shards;

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
    private ShardEvents _events = null!;
    private bool _dirty;
    private int[]? _order;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _columns = new ShardColumns(ShardColumns.Upgrade(state.State));
        _phenotypes = new ShardPhenotypes(state.State);
        _events = new ShardEvents(_columns);
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

    public Task<StrataPhenotypeCounts> PhenotypeTable(CohortQuery query) => Task.FromResult(PhenotypeTableKernel.Run(Scan(query)));

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
    private int[] Ordered() => _order is { } o && o.Length == state.State.Count ? o : _order = ShardScan.IdOrder(state.State);

    private ShardScan Scan(CohortQuery query) => new(state.State, query, Ordered());

    public Task<StrataDistribution> Distribution(CohortQuery query, int metric) => Task.FromResult(DistributionKernel.Run(Scan(query), metric));

    public Task<StrataCounts> Prevalence(CohortQuery query, Condition condition) => Task.FromResult(PrevalenceKernel.Run(Scan(query), condition));

    public Task<CutoffCounts> HomaIrCutoffs(CohortQuery query, string[] cutoffIds) =>
        Task.FromResult(CutoffKernel.Run(Scan(query), cutoffIds.Select(CutoffRegistry.Get).ToArray(), options.Value.Factors()));

    public Task<ReferenceRow[]> ReferenceRows(CohortQuery query) => Task.FromResult(ReferenceRowsKernel.Run(Scan(query)));

    public Task<TransitionCounts> Transitions(CohortQuery query, VisitChoice from, VisitChoice to, TransitionKind kind) =>
        Task.FromResult(TransitionKernel.Run(Scan(query with { Visit = from }), to, kind));

    public Task<ShardOverview> Overview() => Task.FromResult(OverviewKernel.Run(state.State));

    public Task<Contracts.Outcomes.EventRejection[]> CheckEvents(Contracts.Outcomes.EventRows rows) => Task.FromResult(_events.Check(rows));

    public Task<Contracts.Outcomes.EventMerge> AddEvents(Contracts.Outcomes.EventRows rows)
    {
        var merge = _events.Add(rows);
        if (merge.Added + merge.Extended > 0) _dirty = true;
        return Task.FromResult(merge);
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
