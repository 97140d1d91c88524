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
/// when durable), derives each visit's category, phase and indices with the Domain, and keeps its cohort shard's summary current.
/// Deactivates after two idle minutes: once an ingest settles, only shard summaries stay in memory.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
[GrainType("participant")]
public sealed class ParticipantGrain(
    [PersistentState("participant", StorageOptions.ProviderName)] IPersistentState<ParticipantState> state,
    IOptions<CohortOptions> options,
    IRecordKeySource recordKeys) : Grain, IParticipantGrain
{
    private readonly CohortOptions _options = options.Value;
    private ObservationTable? _table;
    private IReadOnlyList<EvaluatedVisit>? _visits;

    private ObservationTable Table => _table ??= new ObservationTable(state.State.Observations);

    public async Task<MergeResult> Merge(ParticipantBatch batch)
    {
        var table = Table;
        var s = state.State;
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
            await state.WriteStateAsync();
            _visits = null;
        }
        await GrainFactory.GetGrain<ICohortShardGrain>(ShardMap.ShardOf(this.GetPrimaryKeyString(), _options.Shards)).Upsert(Summary(markers));
        // An ingest touches each participant once per row group: keeping 100k activations (their series and visits) in memory until
        // the idle limit made the GC scan gigabytes and stall the silo. The shard holds what queries need; the state is durable.
        DeactivateOnIdle();
        return new MergeResult(added, changed, unchanged);
    }

    public Task<bool> IsEnrolled() => Task.FromResult(state.RecordExists || Table.Count > 0);

    /// <summary>
    /// The participant's series and visits. Every read by a person (through the dashboard or a gateway client: any call with an actor)
    /// is audited here, at the grain, so that no route around the HTTP API reads a person unrecorded; the silo's own reads are not.
    /// </summary>
    public async Task<ParticipantView?> Get()
    {
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
        if (!state.RecordExists && Table.Count == 0) return null;
        var settings = _options.Evaluation();
        var visits = Visits(markers).Select(v => new VisitView
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
        return new ParticipantView(this.GetPrimaryKeyString(), state.State.Demographics, state.State.Factors, Table.Views(markers).ToArray(), visits);
    }

    private IReadOnlyList<EvaluatedVisit> Visits(MarkerRegistry markers) =>
        _visits ??= ParticipantDerivation.Visits(Table, state.State.Demographics, state.State.Factors, _options, markers);

    private ParticipantSummary Summary(MarkerRegistry markers) =>
        ParticipantDerivation.Summary(this.GetPrimaryKeyString(), Table, Visits(markers), state.State.Demographics, state.State.RecordKey, markers);
}
