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
/// One participant's series, visits and indices, for whoever reads that person. Their data is written by their cohort shard, the single
/// writer (<see cref="ParticipantWriter"/>, many participants per call), so an ingest activates no participant grain; this grain reads
/// the stored state at every call and serves the participant as published: while an open run is changing them, as they were before
/// it, and after an abandoned run, as if it never happened. <see cref="Merge"/> writes one batch through the shard, as a run does.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
[GrainType(TypeName)]
public sealed class ParticipantGrain(
    [PersistentState(ParticipantGrain.StateName, StorageOptions.ProviderName)] IPersistentState<ParticipantState> state,
    IOptions<CohortOptions> options,
    Ingest.RunDecisions decisions) : Grain, IParticipantGrain
{
    public const string TypeName = "participant", StateName = "participant";

    private readonly CohortOptions _options = options.Value;

    public Task<MergeResult> Merge(ParticipantBatch batch) =>
        GrainFactory.GetGrain<ICohortShardGrain>(ShardMap.ShardOf(this.GetPrimaryKeyString(), _options.Shards))
            .Write(batch.RunId, [new ParticipantWrite(this.GetPrimaryKeyString(), batch)]);

    public async Task<bool> IsEnrolled() => await Published() is not null;

    /// <summary>The participant as published now, read from the store (their shard may have written since the last call).</summary>
    private async Task<ParticipantSnapshot?> Published()
    {
        await state.ReadStateAsync();
        return await ParticipantWriter.Published(state.State, state.RecordExists, decisions);
    }

    /// <summary>
    /// The participant's series and visits. Every read by a person (through the dashboard or a gateway client: any call with an actor)
    /// is audited here, at the grain, so that no route around the HTTP API reads a person unrecorded; the silo's own reads are not.
    /// </summary>
    public async Task<ParticipantView?> Get()
    {
        var published = await Published();
        var view = published is null ? null : await View(published);
        await GrainFactory.AuditPersonRead(AuditActions.ParticipantView, this.GetPrimaryKeyString(), view is null ? "not found" : "viewed");
        return view;
    }

    private async Task<ParticipantView> View(ParticipantSnapshot published)
    {
        var table = new ObservationTable(published.Observations);
        // The newest markers this silo knows when they name every marker held, else the current ones from the marker registry.
        var markers = MarkerRegistry.Latest;
        if (table.MaxMarker >= markers.Slots) markers = await GrainFactory.MarkersAsync();
        var evaluated = ParticipantDerivation.Visits(table, published.Demographics, published.Factors, _options, markers);
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
        return new ParticipantView(this.GetPrimaryKeyString(), published.Demographics, published.Factors, table.Views(markers).ToArray(), visits);
    }
}
