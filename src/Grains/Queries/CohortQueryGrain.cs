using Cohort.Contracts.Ingest;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Caveats;
using Cohort.Domain.Cutoffs;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;
using Cohort.Domain.Statistics;
using Cohort.Grains.Hosting;
using Cohort.Grains.Markers;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cohort.Grains.Queries;

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

    /// <summary>How this call's counts are released: exact for an epidemiologist (as the dashboard or gateway vouched), else perturbed.</summary>
    private CountRelease Release() => new(Threshold, Options.Disclosure.Control(perturbed: !Contracts.Access.AccessContext.Exact, floor: Threshold));

    /// <summary>Runs a query with the published data pinned: every shard answers as of the same epoch (see <see cref="PublishedSnapshot"/>).</summary>
    private Task<T> Pinned<T>(Func<PublishedData, Task<T>> read) => PublishedSnapshot.Read(GrainFactory, read);

    private IEnumerable<ICohortShardGrain> Shards() =>
        Enumerable.Range(0, Options.Shards).Select(i => GrainFactory.GetGrain<ICohortShardGrain>(i));

    /// <summary>Cohort's markers and the study's, as the marker registry holds them now.</summary>
    private Task<MarkerRegistry> Markers() => GrainFactory.MarkersAsync();

    private async Task<Metric> ResolveMetric(string metric)
    {
        var markers = await Markers();
        return markers.TryResolveMetric(metric, out var m) ? m
            : throw new ArgumentException($"unknown metric '{metric}' (known: {string.Join(", ", markers.Metrics.Select(x => x.Code))})", nameof(metric));
    }

    /// <summary>The provenance of a <paramref name="kind"/> answer to <paramref name="query"/>: its hash over the parameters, and the population in words.</summary>
    private async Task<Provenance> ProvenanceOf(PublishedData data, CohortQuery query, string kind, params object?[] parameters)
    {
        var hash = query.Hash(kind, parameters);
        var version = data.DataVersion;
        var e = Options.Evaluation();
        var model = await GrainFactory.GetGrain<IPhenotypeModelGrain>(0).Latest();
        var described = model is null ? "none (no phenotype model fitted)" : $"v{model.Version} (k = {model.K}, fitted {model.FittedAt:yyyy-MM-dd HH:mm:ss}Z on {model.DataVersion})";
        return new Provenance(version, hash, Options.GlucoseFactor, Options.InsulinFactor, e.RuleSet.Code(), e.PhaseCutoff.Source, described, Threshold, query.Filter.Describe());
    }

    public async Task<StratifiedDistribution> Distribution(CohortQuery query, string metric)
    {
        var m = await ResolveMetric(metric);
        return await Pinned(async data =>
        {
            var partials = await Task.WhenAll(Shards().Select(s => s.Distribution(query, MarkerRegistry.PositionOf(m))));
            return DistributionMerge.Result(partials, query, m, Release(), await ProvenanceOf(data, query, "distribution", m.Code));
        });
    }

    public Task<PrevalenceResult> Prevalence(CohortQuery query, Condition condition, PrevalenceInterval interval = PrevalenceInterval.Wilson,
        AgeStandard standard = AgeStandard.Esp2013)
    {
        var method = interval switch
        {
            PrevalenceInterval.Wilson => IntervalMethod.Wilson,
            PrevalenceInterval.ClopperPearson => IntervalMethod.ClopperPearson,
            _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "not an interval method"),
        };
        // The enum's names are the standard populations' names (ESP2013, US2000), matched without regard to case.
        var population = StandardPopulation.Get(standard.ToString());
        return Pinned(async data =>
        {
            var partials = await Task.WhenAll(Shards().Select(s => s.Prevalence(query, condition, population.Name)));
            return PrevalenceMerge.Result(partials, query, condition, method, population, Release(),
                await ProvenanceOf(data, query, "prevalence", condition.Label, method.ToString(), population.Name), await Markers());
        });
    }

    public Task<CutoffSensitivity> HomaIrCutoffs(CohortQuery query) => Pinned(async data =>
    {
        var whole = query with { StrataBy = Dimension.None };
        var registry = CutoffRegistry.WithThreshold.ToArray();
        var counts = await Task.WhenAll(Shards().Select(s => s.HomaIrCutoffs(whole, registry.Select(c => c.Id).ToArray())));
        var release = Release();
        var rows = CutoffMerge.Rows(counts, registry, query.Filter, release);
        var reference = await Task.WhenAll(Shards().Select(s => s.ReferenceRows(whole)));
        var (localViews, local) = CutoffMerge.Local(reference.SelectMany(r => r), Options.Evaluation().RuleSet, release);
        var phases = await Prevalence(query with { StrataBy = Dimension.Phase }, new Condition(ConditionKind.Phase, Phase.Compensated.Code()));
        var caveats = CaveatViews.Of(CaveatCatalogue.HomaIrCutoffs);
        var provenance = await ProvenanceOf(data, query, "homa-ir-cutoffs");
        var result = new CutoffSensitivity(query.Visit.Label, rows, localViews, local.ReferenceCriteria, local.Method, phases, caveats, provenance);
        return result with { Disclosure = release.Disclosure.Describe() };
    });

    public Task<TransitionResult> Transitions(CohortQuery query, VisitChoice from, VisitChoice to, TransitionKind kind) => Pinned(async data =>
    {
        var byPhenotype = query with { StrataBy = Dimension.Phenotype };
        var parts = await Task.WhenAll(Shards().Select(s => s.Transitions(byPhenotype, from, to, kind)));
        return TransitionMerge.Merge(parts, from, to, kind, Release(), await ProvenanceOf(data, query, "transitions", from.Label, to.Label, kind.ToString()));
    });

    public Task<CohortOverview> Overview() => Pinned(async data =>
    {
        var parts = await Task.WhenAll(Shards().Select(s => s.Overview()));
        var history = GrainFactory.GetGrain<IIngestRunsGrain>(0);
        var latest = (await history.Newest(1, before: null))?.FirstOrDefault();
        var evaluation = Options.Evaluation();
        var factors = new FactorsView(Options.GlucoseFactor, Options.InsulinFactor, evaluation.RuleSet.Code(), evaluation.PhaseCutoff.Source);
        return OverviewMerge.Merge(parts, latest, Options.Shards, factors, Release(), await Markers()) with { InProgress = await history.InProgress() };
    });

    public Task<PhenotypeTableResult> PhenotypeTable(CohortQuery query) => Pinned(async data =>
    {
        var parts = await Task.WhenAll(Shards().Select(s => s.PhenotypeTable(query)));
        return PhenotypeTableMerge.Merge(parts, query, Release(), await ProvenanceOf(data, query, "phenotype-table"));
    });

    public async Task<Contracts.Outcomes.OutcomeResult> Outcomes(CohortQuery query, string eventCode, string? reference = null)
    {
        var markers = await Markers();
        if (!markers.TryResolveEvent(eventCode, out var ev))
            throw new ArgumentException($"unknown event '{eventCode}' (known: {string.Join(", ", markers.Events.Select(e => e.Code))})", nameof(eventCode));
        var q = query with { Visit = VisitChoice.Baseline, StrataBy = query.StrataBy == Dimension.None ? Dimension.Phenotype : query.StrataBy };
        return await Pinned(async data =>
        {
            var parts = await Task.WhenAll(Shards().Select(s => s.Outcomes(q, ev.Code)));
            return OutcomeMerge.Merge(parts, q, ev, reference, Release(), await ProvenanceOf(data, q, "outcomes", ev.Code, reference));
        });
    }

    public Task FlushShards() => Task.WhenAll(Shards().Select(s => s.Flush()));
}
