using System.Diagnostics;
using System.Globalization;
using Cohort.Contracts.Audit;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;
using Cohort.Domain.Phenotypes;
using Cohort.Grains.Hosting;
using Cohort.Grains.Markers;
using Cohort.Grains.Shards;
using Cohort.Grains.Storage;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Mixtures;
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
    IOptions<CohortOptions> options,
    TimeProvider clock) : Grain, IPhenotypeModelGrain
{
    private static readonly ActivitySource Source = new("Cohort.Phenotypes");
    private readonly PhenotypeFitJobs _jobs = new(clock);

    // Reads interleave with a running fit (its training can take minutes) but not with a publication, which stores the model and has
    // every shard apply it: while one runs, shards hold a mix of versions and counts taken then would be short. _publication is the
    // one in progress (a completed task when none is), replaced at each start so that a read can tell whether one began meanwhile.
    // Outside a publication the last stored version is the current one (as after a restart, whether or not every shard applied it).
    private Task _publication = Task.CompletedTask;

    private IEnumerable<ICohortShardGrain> Shards() =>
        Enumerable.Range(0, options.Value.Shards).Select(i => GrainFactory.GetGrain<ICohortShardGrain>(i));

    public async Task<PhenotypeModel> Fit(PhenotypeFitRequest request)
    {
        // The job this fit reports to, if the request names a queued one: only the fit StartFit sent can claim it.
        var job = _jobs.Claim(request.Job);
        request = request with { Job = job };
        try
        {
            var model = await FitAndPublish(request);
            _jobs.Succeeded(job, model.Version);
            return model;
        }
        catch (Exception e)
        {
            _jobs.Failed(job, e is ArgumentException ? e.Message : $"the fit stopped: {e.Message}");
            throw;
        }
        finally
        {
            // A finished job stays readable for as long as the page and the CLI promise, even if nobody calls meanwhile.
            if (job is not null) DelayDeactivation(PhenotypeFitJobs.Kept);
        }
    }

    private async Task<PhenotypeModel> FitAndPublish(PhenotypeFitRequest request)
    {
        using var activity = Source.StartActivity("phenotypes.fit");
        var markers = await GrainFactory.MarkersAsync();
        var training = Training(request, markers, out var presetName);
        var version = state.State.Models.Count + 1;
        var model = (await FitHere(training, request.Visit, markers, version, request.Job)) with { Preset = presetName };
        activity?.SetTag("phenotypes.version", version);
        activity?.SetTag("phenotypes.k", model.K);
        _jobs.Report(request.Job, 3, $"storing version {version} and assigning every participant with it");
        await Publication(() => Publish(model));
        await GrainFactory.Audit(Contracts.Audit.AuditActions.PhenotypeFit, $"v{version}",
            $"{model.Method} k = {model.K}, seed {model.Seed}, visit {model.Visit.Code}, data {model.DataVersion}, {model.TrainingParticipants} training participants, " +
            $"features {presetName} ({string.Join(", ", model.Features.Select(f => f.Metric))})");
        return model;
    }

    /// <summary>The trainer's options for a request; throws ArgumentException naming an unknown preset, feature, method or family.</summary>
    private PhenotypeTrainingOptions Training(PhenotypeFitRequest request, MarkerRegistry markers, out string presetName)
    {
        (presetName, var candidates, var population) = Resolve(request.Preset, request.Features, request.Log, request.Population, markers);
        return new PhenotypeTrainingOptions
        {
            Seed = request.Seed, K = request.K, KMin = request.KMin, KMax = request.KMax, Candidates = candidates, Population = population,
            Method = Method(request.Method), BySex = request.BySex, Families = Families(request.Families), Progress = _jobs.Training(request.Job),
        };
    }

    public async Task<PhenotypeFitJob> StartFit(PhenotypeFitRequest request)
    {
        Training(request, await GrainFactory.MarkersAsync(), out _);
        var job = _jobs.Start();
        // A call to this grain, not awaited: it queues behind any fit already running, carries the caller's identity for the audit
        // log, and reports to the job, which this (interleaving) call and Job() read.
        _ = Follow(job.Id, this.AsReference<IPhenotypeModelGrain>().Fit(request with { Job = job.Id }));
        return job;
    }

    /// <summary>
    /// The fit records its own outcome; this only covers a call that never reached it (the job is still queued). A caller's timeout
    /// says nothing about the fit, which goes on and finishes its job.
    /// </summary>
    private async Task Follow(string id, Task<PhenotypeModel> fit)
    {
        try
        {
            await fit;
        }
        catch (TimeoutException)
        {
        }
        catch (Exception e)
        {
            if (_jobs.Get(id) is { State: "queued" }) _jobs.Failed(id, $"the fit could not start: {e.Message}");
        }
    }

    public Task<PhenotypeFitJob?> Job(string id) => Task.FromResult(_jobs.Get(id));

    /// <summary>Runs a publication (see <see cref="_publication"/>): reads wait for it, and its end, failed or not, lets them go on.</summary>
    private async Task<T> Publication<T>(Func<Task<T>> publish)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _publication = done.Task;
        try
        {
            return await publish();
        }
        finally
        {
            done.SetResult();
        }
    }

    /// <summary>
    /// A read of the stored models begun when no publication runs (one may start before a read that waited resumes), and taken again
    /// if one began while it ran (its shard counts could be short).
    /// </summary>
    private async Task<T> Released<T>(Func<Task<T>> read)
    {
        while (true)
        {
            var during = _publication;
            if (!during.IsCompleted)
            {
                await during;
                continue;
            }
            var result = await read();
            if (ReferenceEquals(during, _publication)) return result;
        }
    }

    /// <summary>Stores a new version and hands it to every shard, which assigns its participants with it; returns the shards' coverage counts.</summary>
    private async Task<long[]> Publish(PhenotypeModel model)
    {
        state.State.Models.Add(model);
        await state.WriteStateAsync();
        var counts = await Task.WhenAll(Shards().Select(s => s.ApplyPhenotypeModel(model)));
        var coverage = new long[4];
        foreach (var c in counts) for (var i = 0; i < coverage.Length; i++) coverage[i] += c.Coverage[i];
        return coverage;
    }

    /// <summary>
    /// Gathers the feature rows (with HIRI and MISI for the tissue rule's tertiles) from the shards, trains off the grain's scheduler and
    /// returns the model as a contract (not stored).
    /// </summary>
    private async Task<PhenotypeModel> FitHere(PhenotypeTrainingOptions training, VisitChoice visit, MarkerRegistry markers, int version, string? job = null)
    {
        var candidates = training.Candidates;
        var population = training.Population;
        var positions = candidates.Select(f => Position(f.Metric, markers)).Concat([HiriPosition, MisiPosition]).ToArray();
        var clock = Stopwatch.StartNew();
        var (gathered, shards) = (0, options.Value.Shards);
        var gathering = $"gathering {string.Join(", ", candidates.Select(c => c.Metric))} at {visit.Label} from the shards";
        _jobs.Report(job, 1, gathering, 0, shards);
        // Every shard as of the same published data: the model trains on, and is labelled with, one data version.
        var (blocks, dataVersion) = await PublishedSnapshot.Read(GrainFactory, async data =>
        {
            gathered = 0;
            var read = await Task.WhenAll(Shards().Select(async s =>
            {
                var block = await s.PhenotypeFeatures(visit, positions);
                _jobs.Report(job, 1, gathering, Interlocked.Increment(ref gathered), shards);
                return block;
            }));
            return (read, data.DataVersion);
        });
        var table = new FeatureTable(candidates.Count, blocks.Sum(b => b.Count));
        var (hiri, misi) = (new List<double>(), new List<double>());
        foreach (var b in blocks)
        {
            for (var i = 0; i < b.Count; i++)
            {
                var row = b.Values.AsSpan(i * positions.Length, positions.Length);
                table.Add(row[..candidates.Count], b.Sex[i], b.Trains[i]);
                // The tertiles are those of the population the model trains on.
                if (!population.Includes(b.Trains[i])) continue;
                hiri.Add(row[^2]);
                misi.Add(row[^1]);
            }
            table.NoFeatureVisit += b.NoFeatureVisit;
        }
        var tertiles = TissueRuleTertiles.Derive(hiri, misi);
        var gatherSeconds = clock.Elapsed.TotalSeconds;
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
        return ToContract(trained, version, dataVersion, visit, clock.Elapsed.TotalSeconds, allocated) with
        {
            Timing = $"gather {gatherSeconds:0.00} s, {trained.Timing}",
            Population = population.Code(),
            TrainedOn = population.Describe(),
            Positions = trained.Features.Select(f => Position(f.Metric, markers)).ToArray(),
            TissueRule = tertiles is null ? null : new PhenotypeTissueRule(tertiles.HiriUpper, tertiles.MisiLower, tertiles.N, population.Describe(),
                MetricCatalogue.All[HiriPosition].Unit, MetricCatalogue.All[MisiPosition].Unit),
        };
    }

    public async Task<string> Export(int version)
    {
        var model = state.State.Models.FirstOrDefault(m => m.Version == version)
            ?? throw new ArgumentException($"there is no phenotype model version {version} (versions: {string.Join(", ", state.State.Models.Select(m => m.Version))})");
        // The file leaves the cohort: a cluster's centre and covariance describe its training participants, so none may be few.
        if (model.Clusters.FirstOrDefault(c => c.TrainingSize < options.Value.SuppressionThreshold) is { } small)
            throw new ArgumentException($"cluster {small.Number} ({small.Label}) was trained on fewer than {options.Value.SuppressionThreshold} participants; " +
                "a model file would describe them, so it is not written — refit with a smaller k");
        var json = PhenotypeModelFile.Write(model, await GrainFactory.MarkersAsync());
        await GrainFactory.Audit(Contracts.Audit.AuditActions.PhenotypeFit, $"v{version}", "exported as a model file");
        return json;
    }

    public async Task<PhenotypeModel> Import(string json, string source)
    {
        using var activity = Source.StartActivity("phenotypes.import");
        var markers = await GrainFactory.MarkersAsync();
        var (file, origin) = PhenotypeModelFile.Read(json, markers);
        var version = state.State.Models.Count + 1;
        var imported = file with
        {
            Version = version,
            Positions = file.Features.Select(f => Position(f.Metric, markers)).ToArray(),
            KReason = $"transferred from {source} (its data version {origin.DataVersion}, model v{origin.ModelVersion}): participants are assigned with the " +
                "derivation cohort's scaler and cluster centres, without refitting; the stability and silhouette shown are the derivation cohort's",
        };
        DryRun(imported);
        // A refit here on the same features, method, family and k, to say how far transfer and re-clustering agree (not stored).
        var features = imported.Features.Select(f => new PhenotypeFeature(f.Metric, Enum.Parse<Tissue>(f.Tissue, ignoreCase: true), f.Log, f.Orientation, f.Why)).ToArray();
        var perSex = imported.BySex ? imported.Clusters.GroupBy(c => c.Sex).Select(g => g.Count()).Distinct().ToArray() : [imported.K];
        var refitOptions = new PhenotypeTrainingOptions
        {
            Candidates = features, Population = Population(imported.Population), Method = imported.IsMixture ? ClusteringMethod.Mixture : ClusteringMethod.KMeans,
            BySex = imported.BySex, K = perSex.Length == 1 ? perSex[0] : null,
            Families = imported.IsMixture ? imported.Family.Split('/').Select(f => CovarianceModels.TryParse(f, out var m) ? m : CovarianceModel.VVV).Distinct().ToArray() : CovarianceModels.All,
            Policy = new MissingFeaturePolicy(imported.Policy.DropFeatureAbove, imported.Policy.MinimumPerTissue, imported.Policy.MaximumMissing),
        };
        PhenotypeTransfer transfer;
        try
        {
            var refit = await FitHere(refitOptions, imported.Visit, markers, version);
            var parts = await Task.WhenAll(Shards().Select(s => s.ComparePhenotypeModels(imported, refit)));
            var table = new long[imported.K * refit.K];
            foreach (var p in parts) for (var i = 0; i < table.Length; i++) table[i] += p[i];
            var n = table.Sum();
            transfer = new PhenotypeTransfer(source, origin.DataVersion, origin.ModelVersion,
                n < 2 ? null : Round(AdjustedRandIndex.FromContingency(table, imported.K, refit.K)), n,
                $"refit here: k = {refit.K} ({string.Join(", ", refit.Clusters.Select(c => c.Label))})");
        }
        catch (ArgumentException e)
        {
            transfer = new PhenotypeTransfer(source, origin.DataVersion, origin.ModelVersion, null, 0, $"no refit was possible here: {e.Message}");
        }
        var model = imported with { Transfer = transfer, DataVersion = await GrainFactory.GetGrain<IIngestRunsGrain>(0).DataVersion(), FittedAt = DateTimeOffset.UtcNow };
        model = await Publication(async () =>
        {
            var published = model with { Coverage = await Publish(model) };
            state.State.Models[^1] = published;
            await state.WriteStateAsync();
            return published;
        });
        await GrainFactory.Audit(Contracts.Audit.AuditActions.PhenotypeFit, $"v{version}",
            $"imported from {source} ({origin.DataVersion}, v{origin.ModelVersion}); ARI against a refit here {transfer.RefitAri?.ToString("0.000", CultureInfo.InvariantCulture) ?? "n/a"}");
        return model;
    }

    /// <summary>
    /// Assigns made-up rows with a model before anyone stores it (a complete row at the centre, one with every feature missing, and one
    /// with each feature alone missing), so that a model which could not assign somebody never reaches the shards.
    /// </summary>
    private static void DryRun(PhenotypeModel model)
    {
        try
        {
            var assigner = ShardPhenotypes.AssignerOf(model);
            var d = model.Features.Length;
            foreach (var sex in new byte[] { 0, 1, 2 })
            {
                assigner.AssignScaled(new float[d], sex, default);
                assigner.AssignScaled(Enumerable.Repeat(float.NaN, d).ToArray(), sex, default);
                for (var j = 0; j < d; j++)
                {
                    var row = new float[d];
                    row[j] = float.NaN;
                    assigner.AssignScaled(row, sex, default);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"the model cannot assign participants: {e.Message}");
        }
    }

    private static readonly int HiriPosition = MetricCatalogue.PositionOf("hiri"), MisiPosition = MetricCatalogue.PositionOf("misi");

    /// <summary>A feature's position in the shards' metric arrays: a metric's (Cohort's or a study marker's), or −1 for age.</summary>
    private static int Position(string metric, MarkerRegistry markers) =>
        metric == FeatureSelection.Age ? ShardPhenotypes.AgePosition
        : markers.TryResolveMetric(metric, out var m) ? MarkerRegistry.PositionOf(m)
        : throw new ArgumentException($"feature '{metric}' is not a metric of this cohort");

    /// <summary>
    /// A fit's features: the codes given (with --log and a population), or a preset (Cohort's or the study's), or the tissue preset.
    /// A bad code, a preset nobody has, or both a preset and codes is an <see cref="ArgumentException"/> naming it.
    /// </summary>
    private (string Preset, IReadOnlyList<PhenotypeFeature> Features, TrainingPopulation Population) Resolve(string? preset,
        IReadOnlyList<string>? codes, IReadOnlyList<string>? log, string? population, MarkerRegistry markers)
    {
        try
        {
            if (codes is { Count: > 0 } && preset is { Length: > 0 }) throw new ArgumentException("give features or a preset, not both");
            if (codes is { Count: > 0 }) return ("custom", Features(codes, log, markers), Population(population));
            if (log is { Count: > 0 }) throw new ArgumentException("--log applies to --features; a preset says which of its features are logged");
            var name = string.IsNullOrWhiteSpace(preset) ? FeaturePresets.Tissue : preset.Trim();
            if (FeaturePresets.TryGet(name, out var builtIn)) return (builtIn.Name, builtIn.Features, builtIn.Population);
            if (state.State.Presets.TryGetValue(name, out var saved))
                return (saved.Name, Features(saved.Features, saved.Log, markers), Population(saved.Population));
            throw new ArgumentException($"preset: no preset named '{name}' (known: {string.Join(", ", FeaturePresets.BuiltIn.Select(p => p.Name).Concat(state.State.Presets.Keys))})");
        }
        catch (PhenotypeFitException e)
        {
            throw new ArgumentException(e.Message);
        }
    }

    private static IReadOnlyList<PhenotypeFeature> Features(IReadOnlyList<string> codes, IReadOnlyList<string>? log, MarkerRegistry markers) =>
        FeatureSelection.FromCodes(codes, log, code => markers.TryResolveMetric(code, out var m) ? (m.Code, m.Name, m.Skewed) : null);

    /// <summary>The fit's method: the request's, or the platform's default (<see cref="PhenotypeTrainingOptions.Method"/>).</summary>
    private static ClusteringMethod Method(string? code) =>
        string.IsNullOrWhiteSpace(code) ? new PhenotypeTrainingOptions().Method
        : ClusteringMethods.TryParse(code, out var m) ? m
        : throw new ArgumentException($"method: '{code}' is not kmeans or gmm");

    private static IReadOnlyList<CovarianceModel> Families(IReadOnlyList<string>? codes) =>
        codes is not { Count: > 0 } ? CovarianceModels.All
        : codes.Select(c => CovarianceModels.TryParse(c, out var m) ? m
            : throw new ArgumentException($"families: '{c}' is not one of {string.Join(", ", CovarianceModels.All)}")).Distinct().ToArray();

    private static TrainingPopulation Population(string? code) =>
        string.IsNullOrWhiteSpace(code) ? TrainingPopulation.OutsideDiabetes
        : TrainingPopulationNames.TryParse(code, out var p) ? p
        : throw new ArgumentException($"population: '{code}' is not one of {string.Join(", ", Enum.GetValues<TrainingPopulation>().Select(x => x.Code()))}");

    public async Task<PhenotypePreset> SavePreset(PhenotypePreset preset)
    {
        if (string.IsNullOrWhiteSpace(preset.Name) || preset.Name.Length > 40 || !preset.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException("name: 1–40 letters, digits, '-' or '_'");
        if (FeaturePresets.TryGet(preset.Name, out _)) throw new ArgumentException($"name: '{preset.Name}' is one of Cohort's own presets; choose another name");
        var markers = await GrainFactory.MarkersAsync();
        try { _ = Features(preset.Features, preset.Log, markers); }
        catch (PhenotypeFitException e) { throw new ArgumentException(e.Message); }
        var saved = preset with { Population = Population(preset.Population).Code(), BuiltIn = false };
        state.State.Presets[saved.Name] = saved;
        await state.WriteStateAsync();
        await GrainFactory.Audit(Contracts.Audit.AuditActions.PhenotypeFit, $"preset {saved.Name}",
            $"saved features {string.Join(", ", saved.Features)}; logged {string.Join(", ", saved.Log ?? [])}; trains {saved.Population}");
        return saved;
    }

    public Task<IReadOnlyList<PhenotypePreset>> Presets() => Task.FromResult<IReadOnlyList<PhenotypePreset>>(
        FeaturePresets.BuiltIn.Select(p => new PhenotypePreset(p.Name, p.Description, p.Features.Select(f => f.Metric).ToArray(),
                p.Features.Where(f => f.Log).Select(f => f.Metric).ToArray(), p.Population.Code(), BuiltIn: true))
            .Concat(state.State.Presets.Values.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)).ToArray());

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
            Weight = t.Mixture?.Weights[i] ?? 0,
            Covariance = t.Mixture?.Covariances[i],
            Sex = t.ClusterSex?[i] ?? 0,
        }).ToArray();
        var fits = t.BySex.Count > 0 ? t.BySex.Select((f, s) => (Fit: f, Sex: (byte)(s + 1))).ToArray() : [(Fit: t, Sex: (byte)0)];
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
            Candidates = fits.SelectMany(f => f.Fit.Candidates.Select(c =>
                new PhenotypeKCandidate(c.K, Round(c.Silhouette), c.Jaccard.Select(Round).ToArray(), c.Sizes, c.AllStable) { Sex = f.Sex })).ToArray(),
            Method = t.Method.Code(),
            Family = string.Join("/", fits.Select(f => f.Fit.Mixture?.Model.Code()).OfType<string>()),
            MixtureCandidates = fits.SelectMany(f => f.Fit.MixtureCandidates.Select(c => new PhenotypeMixtureCandidate(c.Model.Code(), c.K, c.Fitted,
                Round(c.LogLikelihood), Round(c.Bic), Round(c.Icl), Round(c.SmallestShare), Round(c.Entropy), Round(c.MeanTopProbability), f.Sex,
                c.Model == f.Fit.Mixture?.Model && c.K == f.Fit.K))).ToArray(),
            Membership = t.Membership is { } m
                ? new PhenotypeMembership(Round(m.MeanTopProbability), Round(m.Entropy), m.Uncertain, m.N, Phenotyping.Mixtures.Membership.UncertainBelow)
                : null,
            Continuum = fits.Select(f => new PhenotypeContinuum(f.Sex, f.Fit.Continuum.GapK, f.Fit.Continuum.Gap.Select(Round).ToArray(),
                f.Fit.Continuum.GapSe.Select(Round).ToArray(), f.Fit.Continuum.References, f.Fit.Continuum.Points,
                f.Fit.Continuum.BicAdvantage is { } b ? Round(b) : null, f.Fit.Continuum.Statement)).ToArray(),
            BySex = t.ClusterSex is not null,
            PooledAgreementWomen = t.PooledAgreement is { } a ? Round(a.Women) : null,
            PooledAgreementMen = t.PooledAgreement is { } a2 ? Round(a2.Men) : null,
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

    /// <summary>ARI between the clusters and the rule-based tissue phenotypes, over participants whose rule phenotype is determined.</summary>
    private static double? RuleAgreement(long[] ruleByCluster, int k)
    {
        var determined = new long[k * 4];
        for (var c = 0; c < k; c++) for (var r = 1; r < 5; r++) determined[c * 4 + r - 1] = ruleByCluster[c * 5 + r];
        return determined.Sum() < 2 ? null : Round(AdjustedRandIndex.FromContingency(determined, k, 4));
    }

    public Task<PhenotypeModel?> Latest() => Task.FromResult(state.State.Models.LastOrDefault());

    public Task<PhenotypeModelView?> Current() => Released(async () =>
        state.State.Models.LastOrDefault() is { } model ? await View(model) : null);

    public Task<PhenotypeModelView?> Version(int version) => Released(async () =>
        state.State.Models.FirstOrDefault(m => m.Version == version) is { } model ? await View(model) : null);

    private async Task<PhenotypeModelView> View(PhenotypeModel model)
    {
        var current = model.Version == state.State.Models[^1].Version;
        if (!current) return new PhenotypeModelView(model, false, null, options.Value.SuppressionThreshold);
        var parts = await Task.WhenAll(Shards().Select(s => s.PhenotypeCounts()));
        var perCluster = new long[model.K];
        var uncertain = model.IsMixture ? new long[model.K] : null;
        var coverage = new long[4];
        foreach (var p in parts)
        {
            if (p is null || p.Version != model.Version) continue;
            for (var i = 0; i < perCluster.Length; i++) perCluster[i] += p.PerCluster[i];
            for (var i = 0; i < coverage.Length; i++) coverage[i] += p.Coverage[i];
            if (uncertain is not null && p.Uncertain is { } u) for (var i = 0; i < uncertain.Length; i++) uncertain[i] += u[i];
        }
        var rules = model.TissueRule is null ? null : new long[model.K * 5];
        foreach (var p in parts)
            if (p is { RuleByCluster: { } r } && p.Version == model.Version && rules is not null) for (var i = 0; i < rules.Length; i++) rules[i] += r[i];
        return new PhenotypeModelView(model, true, new PhenotypeAssignmentCounts(model.Version, perCluster, coverage) { Uncertain = uncertain, RuleByCluster = rules },
            options.Value.SuppressionThreshold)
        { RuleAgreement = rules is null ? null : RuleAgreement(rules, model.K) };
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
