using System.Diagnostics;
using Cohort.Contracts.Audit;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Metrics;
using Cohort.Domain.Phenotypes;
using Cohort.Grains.Hosting;
using Cohort.Grains.Storage;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Modelling;
using Cohort.Phenotyping.Validation;
using Microsoft.Extensions.Options;

namespace Cohort.Grains.Phenotypes;

/// <summary>
/// The cohort's phenotype models. A fit gathers the raw features of every participant from the shards, trains off the grain's
/// scheduler (it is CPU-bound for seconds), stores the model as a new version and publishes it to the shards, which assign everyone.
/// Old versions stay readable and comparable.
/// </summary>
[GrainType("phenotypemodel")]
public sealed class PhenotypeModelGrain(
    [PersistentState("phenotypes", StorageOptions.ProviderName)] IPersistentState<PhenotypeModelsState> state,
    IOptions<CohortOptions> options) : Grain, IPhenotypeModelGrain
{
    private static readonly ActivitySource Source = new("Cohort.Phenotypes");

    private IEnumerable<ICohortShardGrain> Shards() =>
        Enumerable.Range(0, options.Value.Shards).Select(i => GrainFactory.GetGrain<ICohortShardGrain>(i));

    public async Task<PhenotypeModel> Fit(PhenotypeFitRequest request)
    {
        using var activity = Source.StartActivity("phenotypes.fit");
        var training = new PhenotypeTrainingOptions { Seed = request.Seed, K = request.K, KMin = request.KMin, KMax = request.KMax };
        var candidates = training.Candidates;
        var positions = candidates.Select(f => MetricCatalogue.PositionOf(f.Metric)).ToArray();
        var clock = Stopwatch.StartNew();
        var blocks = await Task.WhenAll(Shards().Select(s => s.PhenotypeFeatures(request.Visit, positions)));
        var table = new FeatureTable(candidates.Count, blocks.Sum(b => b.Count));
        foreach (var b in blocks)
        {
            table.AddRange(b.Values, b.Sex, b.Trains);
            table.NoFeatureVisit += b.NoFeatureVisit;
        }
        var gathered = clock.Elapsed.TotalSeconds;
        var dataVersion = await GrainFactory.GetGrain<IIngestRunsGrain>(0).DataVersion();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        TrainedPhenotypeModel trained;
        try
        {
            trained = await Task.Run(() => PhenotypeTrainer.Train(table, training));
        }
        catch (PhenotypeFitException e)
        {
            throw new ArgumentException(e.Message);
        }
        var allocated = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0;
        var version = state.State.Models.Count + 1;
        var contract = ToContract(trained, version, dataVersion, request.Visit, clock.Elapsed.TotalSeconds, allocated);
        var model = contract with { Timing = $"gather {gathered:0.00} s, {trained.Timing}" };
        activity?.SetTag("phenotypes.version", version);
        activity?.SetTag("phenotypes.k", model.K);
        state.State.Models.Add(model);
        await state.WriteStateAsync();
        await Task.WhenAll(Shards().Select(s => s.ApplyPhenotypeModel(model)));
        await GrainFactory.Audit(Contracts.Audit.AuditActions.PhenotypeFit, $"v{version}",
            $"k = {model.K}, seed {model.Seed}, visit {model.Visit.Code}, data {dataVersion}, {model.TrainingParticipants} training participants");
        return model;
    }

    private static PhenotypeModel ToContract(TrainedPhenotypeModel t, int version, string dataVersion, VisitChoice visit, double seconds, double allocatedMb)
    {
        var clusters = t.Centroids.Select((c, i) => new PhenotypeCluster
        {
            Number = i + 1,
            Label = t.Labels[i].Phenotype.Code(),
            Phenotype = (byte)t.Labels[i].Phenotype,
            Centroid = c,
            Hepatic = Round(t.Labels[i].Scores.Hepatic),
            Muscle = Round(t.Labels[i].Scores.Muscle),
            Adipose = Round(t.Labels[i].Scores.Adipose),
            Rationale = t.Labels[i].Rationale,
            TrainingSize = t.TrainingSizes[i],
            Stability = Round(t.Jaccard[i]),
            Stable = t.Jaccard[i] >= BootstrapJaccard.Stable,
        }).ToArray();
        return new PhenotypeModel
        {
            Version = version,
            FittedAt = DateTimeOffset.UtcNow,
            DataVersion = dataVersion,
            Visit = visit,
            Features = t.Features.Select(f => new PhenotypeFeatureInfo(f.Metric, f.Tissue.Code(), f.Log, f.Orientation, f.Why)).ToArray(),
            Dropped = t.Dropped.ToArray(),
            Means = t.Scaler.Means,
            Sds = t.Scaler.Sds,
            Clusters = clusters,
            Candidates = t.Candidates.Select(c => new PhenotypeKCandidate(c.K, Round(c.Silhouette), c.Jaccard.Select(Round).ToArray(), c.Sizes, c.AllStable)).ToArray(),
            KReason = t.KReason,
            Silhouette = Round(t.Silhouette),
            Coverage = t.Coverage,
            Seed = t.Seed,
            Policy = new PhenotypePolicy(t.Policy.DropFeatureAbove, t.Policy.MinimumPerTissue, t.Policy.MaximumMissing, t.Policy.Describe()),
            FitSeconds = Math.Round(seconds, 3),
            TrainingParticipants = t.TrainingSizes.Sum(),
            AllocatedMegabytes = Math.Round(allocatedMb, 1),
        };
    }

    private static double Round(double x) => Math.Round(x, 4);

    public Task<PhenotypeModel?> Latest() => Task.FromResult(state.State.Models.LastOrDefault());

    public async Task<PhenotypeModelView?> Current() => state.State.Models.Count == 0 ? null : await View(state.State.Models[^1]);

    public async Task<PhenotypeModelView?> Version(int version) =>
        state.State.Models.FirstOrDefault(m => m.Version == version) is { } model ? await View(model) : null;

    private async Task<PhenotypeModelView> View(PhenotypeModel model)
    {
        var current = model.Version == state.State.Models[^1].Version;
        if (!current) return new PhenotypeModelView(model, false, null, options.Value.SuppressionThreshold);
        var parts = await Task.WhenAll(Shards().Select(s => s.PhenotypeCounts()));
        var perCluster = new long[model.K];
        var coverage = new long[4];
        foreach (var p in parts)
        {
            if (p is null || p.Version != model.Version) continue;
            for (var i = 0; i < perCluster.Length; i++) perCluster[i] += p.PerCluster[i];
            for (var i = 0; i < coverage.Length; i++) coverage[i] += p.Coverage[i];
        }
        return new PhenotypeModelView(model, true, new PhenotypeAssignmentCounts(model.Version, perCluster, coverage), options.Value.SuppressionThreshold);
    }

    public Task<IReadOnlyList<PhenotypeModel>> List() => Task.FromResult<IReadOnlyList<PhenotypeModel>>(state.State.Models.ToArray());

    public async Task<PhenotypeComparison> Compare(int versionA, int versionB)
    {
        PhenotypeModel Find(int v) => state.State.Models.FirstOrDefault(m => m.Version == v)
            ?? throw new ArgumentException($"there is no phenotype model version {v} (versions: {string.Join(", ", state.State.Models.Select(m => m.Version))})");
        var (a, b) = (Find(versionA), Find(versionB));
        var parts = await Task.WhenAll(Shards().Select(s => s.ComparePhenotypeModels(a, b)));
        var table = new long[a.K * b.K];
        foreach (var p in parts) for (var i = 0; i < table.Length; i++) table[i] += p[i];
        var n = table.Sum();
        var ari = n < 2 ? double.NaN : AdjustedRandIndex.FromContingency(table, a.K, b.K);
        return new PhenotypeComparison(a.Version, b.Version, Round(ari), n, table, a.K, b.K, options.Value.SuppressionThreshold);
    }
}
