using Cohort.Contracts.Audit;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;
using Cohort.Domain.Phases;
using Cohort.Domain.Units;
using Cohort.Domain.Visits;
using Cohort.Grains.Hosting;
using Cohort.Grains.Markers;
using Cohort.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Cohort.Grains.Participants;

/// <summary>
/// The single writer of one participant's data. Merges batches idempotently by natural key, persists once per batch (acknowledged
/// when durable), derives each visit's category, phase and indices with the Domain, and stages its summary in its cohort shard.
/// A run's changes are pending until the run commits: the state keeps the participant as published before the run, reads are served
/// from that until the commit log says the run committed, and an abandoned run's changes are undone at the next touch.
/// Deactivates after two idle minutes: once an ingest settles, only shard summaries stay in memory.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
[GrainType("participant")]
public sealed class ParticipantGrain(
    [PersistentState("participant", StorageOptions.ProviderName)] IPersistentState<ParticipantState> state,
    IOptions<CohortOptions> options,
    IRecordKeySource recordKeys,
    Ingest.RunDecisions decisions) : Grain, IParticipantGrain
{
    private readonly CohortOptions _options = options.Value;
    private ObservationTable? _table;
    private IReadOnlyList<EvaluatedVisit>? _visits;

    private ObservationTable Table => _table ??= new ObservationTable(state.State.Observations);

    public async Task<MergeResult> Merge(ParticipantBatch batch)
    {
        await Settle(batch.RunId);
        var s = state.State;
        // The participant as published, kept before this run's first change (the columns are replaced, never changed in place).
        var before = s.PendingRun is null ? new ParticipantSnapshot { Demographics = s.Demographics, Factors = s.Factors, Observations = s.Observations, Existed = state.RecordExists } : null;
        var table = Table;
        var markers = await Markers(batch.MarkersVersion);
        var factorsChanged = s.Factors is { } f && f != batch.Factors && table.Count > 0;
        if (factorsChanged) table.Reconvert(new ConversionFactors(batch.Factors.Glucose, batch.Factors.Insulin), markers);
        var (added, changed, unchanged) = table.Merge(batch.Observations, batch.RunId);
        var demographicsChanged = batch.Demographics is not null && batch.Demographics != s.Demographics;
        var keyDrawn = s.RecordKey == 0;
        if (keyDrawn) s.RecordKey = recordKeys.KeyFor(this.GetPrimaryKeyString());
        if (added + changed > 0 || demographicsChanged || factorsChanged || s.Factors is null || keyDrawn)
        {
            if (demographicsChanged) s.Demographics = batch.Demographics;
            s.Factors = batch.Factors;
            s.Observations = table.ToColumns();
            if (before is not null) (s.PendingRun, s.Before) = (batch.RunId, before);
            await state.WriteStateAsync();
            _visits = null;
        }
        await GrainFactory.GetGrain<ICohortShardGrain>(ShardMap.ShardOf(this.GetPrimaryKeyString(), _options.Shards)).Stage(batch.RunId, Summary(markers));
        // An ingest touches each participant once per row group: keeping 100k activations (their series and visits) in memory until
        // the idle limit made the GC scan gigabytes and stall the silo. The shard holds what queries need; the state is durable.
        DeactivateOnIdle();
        return new MergeResult(added, changed, unchanged);
    }

    public async Task<bool> IsEnrolled()
    {
        await Settle(null);
        return state.State.Before is { } published ? published.Existed : state.RecordExists || Table.Count > 0;
    }

    /// <summary>
    /// Settles changes pending from an earlier run than <paramref name="run"/> with the commit log: kept when that run committed,
    /// undone when it was abandoned (a participant new in it is removed). Changes of a run still open stay pending; only the open run
    /// itself may change the participant further.
    /// </summary>
    private async ValueTask Settle(string? run)
    {
        var s = state.State;
        if (s.PendingRun is not { } pending || pending == run) return;
        var decision = await decisions.Of(pending);
        switch (decision.State)
        {
            case Contracts.Ingest.RunCommitState.Committed:
                (s.PendingRun, s.Before) = (null, null);
                return;
            case Contracts.Ingest.RunCommitState.Open when run is null:
                return;
            case Contracts.Ingest.RunCommitState.Open:
                throw new Contracts.Ingest.RunNotOpenException($"participant {this.GetPrimaryKeyString()} holds changes of run {pending}, which is still open");
        }
        var published = s.Before!;
        _table = null;
        _visits = null;
        if (!published.Existed)
        {
            await state.ClearStateAsync();
            return;
        }
        (s.Demographics, s.Factors, s.Observations, s.PendingRun, s.Before) = (published.Demographics, published.Factors, published.Observations, null, null);
        await state.WriteStateAsync();
    }

    /// <summary>
    /// The participant's series and visits. Every read by a person (through the dashboard or a gateway client: any call with an actor)
    /// is audited here, at the grain, so that no route around the HTTP API reads a person unrecorded; the silo's own reads are not.
    /// </summary>
    public async Task<ParticipantView?> Get()
    {
        await Settle(null);
        var view = View(await Markers());
        await GrainFactory.AuditPersonRead(AuditActions.ParticipantView, this.GetPrimaryKeyString(), view is null ? "not found" : "viewed");
        return view;
    }

    /// <summary>
    /// The markers this participant's observations need: the newest this silo knows when it is at least <paramref name="atLeast"/> (the
    /// version the batch was validated with) and knows every marker held, else the current one from the marker registry.
    /// </summary>
    private async ValueTask<MarkerRegistry> Markers(int atLeast = 0)
    {
        var known = MarkerRegistry.Latest;
        if (known.Version >= atLeast && Table.MaxMarker < known.Slots) return known;
        return await GrainFactory.MarkersAsync();
    }

    private ParticipantView? View(MarkerRegistry markers)
    {
        if (state.State.Before is { } published)
        {
            // An open run is changing this participant: what is published is the participant before it.
            if (!published.Existed) return null;
            var before = new ObservationTable(published.Observations);
            return View(markers, before, ParticipantDerivation.Visits(before, published.Demographics, published.Factors, _options, markers), published.Demographics, published.Factors);
        }
        if (!state.RecordExists && Table.Count == 0) return null;
        return View(markers, Table, Visits(markers), state.State.Demographics, state.State.Factors);
    }

    private ParticipantView View(MarkerRegistry markers, ObservationTable table, IReadOnlyList<EvaluatedVisit> evaluated, Demographics? demographics, FactorsUsed? factors)
    {
        var settings = _options.Evaluation();
        var visits = evaluated.Select(v => new VisitView
        {
            Date = v.Visit.Date,
            GlycaemicCategory = v.Glycaemia.Category.Code(),
            GlycaemicLabel = v.Glycaemia.Label,
            Phase = v.Phase.Code(),
            Indices = v.Indices.Select(r =>
            {
                var d = IndexCatalogue.Get(r.Index).Definition;
                return new IndexView(d.Code, d.Name, r.Value, d.Unit, d.Variant, r.UndefinedReason);
            }).ToArray(),
            RuleSet = settings.RuleSet.Code(),
            PhaseCutoff = settings.PhaseCutoff.Source,
            Flags = v.Visit.Flags.Codes().ToArray(),
            Notes = v.Visit.Flags.Texts().ToArray(),
            LastDate = v.Visit.LastDate,
        }).ToArray();
        return new ParticipantView(this.GetPrimaryKeyString(), demographics, factors, table.Views(markers).ToArray(), visits);
    }

    private IReadOnlyList<EvaluatedVisit> Visits(MarkerRegistry markers) =>
        _visits ??= ParticipantDerivation.Visits(Table, state.State.Demographics, state.State.Factors, _options, markers);

    private ParticipantSummary Summary(MarkerRegistry markers) =>
        ParticipantDerivation.Summary(this.GetPrimaryKeyString(), Table, Visits(markers), state.State.Demographics, state.State.RecordKey, markers);
}
