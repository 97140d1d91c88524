using Cohort.Phenotyping.Clustering;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Labelling;
using Cohort.Phenotyping.Mixtures;
using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// Fits a phenotype model from the raw candidate features of a cohort: applies the missing-feature policy, fits the sex-standardised
/// scaler on the complete participants that may train (by default those outside the diabetes range at the feature visit), chooses the
/// model on a seeded sample — k-means: k by silhouette and bootstrap stability; a Gaussian mixture: family and k by BIC, ICL beside it —
/// fits the final model on at most <see cref="PhenotypeTrainingOptions.FinalSample"/> of them, labels the clusters from their tissue
/// scores, validates them on the sample (bootstrap Jaccard, silhouette), tests the sample against a continuum (gap statistic; for a
/// mixture also BIC against one component) and counts coverage. With <see cref="PhenotypeTrainingOptions.BySex"/> women and men are
/// fitted separately (<see cref="SexSpecificModels"/>). Deterministic for a given table, options and seed.
/// </summary>
public static class PhenotypeTrainer
{
    public static TrainedPhenotypeModel Train(FeatureTable table, PhenotypeTrainingOptions options)
    {
        options.Validate();
        return options.BySex ? SexSpecificModels.Train(table, options) : TrainPooled(table, options);
    }

    internal static TrainedPhenotypeModel TrainPooled(FeatureTable table, PhenotypeTrainingOptions options, int numberFrom = 0)
    {
        var timing = new PhaseTiming();
        options.Report($"preparing and scaling the features of {table.Count:N0} participants");
        var (features, dropped, raw, complete) = Prepare(table, options);
        var scaler = FeatureScaler.Fit(features, complete.Select(i => raw[i]).ToArray(), complete.Select(i => table.Sex(i)).ToArray());
        var points = complete.Select(i => scaler.Scale(raw[i], table.Sex(i))).ToArray();
        timing.Lap("prepare and scale");

        // The model on a seeded sample, then on the final sample; each complete participant is then assigned by the same code as anyone.
        var sample = Sample(points, options.SelectionSample, options.Seed);
        var final = Sample(points, options.FinalSample, options.Seed + 1);
        var fit = options.Method == ClusteringMethod.Mixture ? MixturePhase.Fit(sample, final, options, timing) : KMeansPhase.Fit(sample, final, options, timing);

        // Labels, and a stable order: by label, then by size on the final sample.
        var tissueLabelled = features.All(f => f.Tissue != Tissue.None);
        var tissueLabels = fit.Centroids.Select(c => tissueLabelled ? PhenotypeLabeller.Label(TissueScores.Of(c, features)) : null).ToArray();
        var finalSizes = new long[fit.K];
        foreach (var a in fit.FinalAssignments) finalSizes[a]++;
        var order = Enumerable.Range(0, fit.K).OrderBy(c => tissueLabels[c]?.Phenotype).ThenByDescending(c => finalSizes[c]).ThenBy(c => c).ToArray();
        var centroids = order.Select(c => fit.Centroids[c]).ToArray();
        var labels = order.Select((c, i) => tissueLabels[c] ?? PhenotypeLabeller.Numbered(numberFrom + i, fit.Centroids[c], features)).ToArray();
        var mixture = fit.Mixture is { } m
            ? new GaussianMixture(m.Model, order.Select(c => m.Weights[c]).ToArray(), order.Select(c => m.Means[c]).ToArray(), order.Select(c => m.Covariances[c]).ToArray())
            : null;
        var assigner = new PhenotypeAssigner(scaler, centroids, labels.Select(l => l.Phenotype).ToArray(), options.Policy, mixture);

        // Every complete participant's cluster, and (mixtures) how clearly they belong.
        options.Report($"assigning {complete.Count:N0} training participants");
        var trainingClusters = new int[table.Count];
        Array.Fill(trainingClusters, -1);
        var sizes = new long[fit.K];
        var posteriors = mixture is null ? null : new double[complete.Count * fit.K];
        Parallel.For(0, complete.Count, i =>
        {
            var row = complete[i];
            var a = posteriors is null ? assigner.Assign(raw[row], table.Sex(row)) : assigner.Assign(raw[row], table.Sex(row), posteriors.AsSpan(i * fit.K, fit.K));
            trainingClusters[row] = a.Cluster;
        });
        foreach (var row in complete) sizes[trainingClusters[row]]++;
        timing.Lap("assign training participants");

        // Validation of the final clusters on the sample: its points take their cluster under the final model.
        options.Report($"validating the clusters ({options.ValidationResamples} bootstrap resamples, silhouette)");
        var sampleClusters = sample.Select(p => assigner.AssignScaled(p, 0, default).Cluster).ToArray();
        var validation = Evaluate(sample, sampleClusters, fit.K, options, options.ValidationResamples, fit.Refit);
        timing.Lap("validation");
        options.Report("testing the sample against a continuum (gap statistic)");
        var continuum = ContinuumEvidence.Test(sample, options, fit.BicAdvantage, fit.K);
        timing.Lap("continuum test");

        var coverage = new long[4];
        coverage[(int)FeatureCoverage.NoFeatureVisit] = table.NoFeatureVisit;
        for (var i = 0; i < table.Count; i++) coverage[(int)assigner.CoverageOf(raw[i], table.Sex(i))]++;
        timing.Lap("coverage");

        return new TrainedPhenotypeModel
        {
            Method = options.Method,
            Features = features,
            Dropped = dropped,
            Scaler = scaler,
            Centroids = centroids,
            Mixture = mixture,
            Labels = labels,
            TrainingSizes = sizes,
            Candidates = fit.Candidates,
            MixtureCandidates = fit.MixtureCandidates,
            KReason = fit.Reason,
            Silhouette = validation.Silhouette,
            Jaccard = validation.Jaccard,
            Coverage = coverage,
            Seed = options.Seed,
            Policy = options.Policy,
            TrainingClusters = trainingClusters,
            Membership = posteriors is null ? null : Membership.Of(posteriors, fit.K),
            Continuum = continuum,
            Timing = timing.ToString(),
        };
    }

    /// <summary>
    /// The features the model keeps (policy on missing shares), every row's raw values over them (NaN where missing or not
    /// transformable), and the rows that train: complete and in the training population. Refuses too few.
    /// </summary>
    internal static (IReadOnlyList<PhenotypeFeature> Features, IReadOnlyList<string> Dropped, float[][] Raw, List<int> Complete) Prepare(
        FeatureTable table, PhenotypeTrainingOptions options)
    {
        var candidates = options.Candidates;
        if (table.Width != candidates.Count) throw new ArgumentException($"the table has {table.Width} features; {candidates.Count} candidates were given");
        if (table.Count == 0) throw new PhenotypeFitException("no participant has a feature visit; ingest data with OGTTs first");
        var missing = new double[candidates.Count];
        for (var i = 0; i < table.Count; i++)
        {
            var row = table.Row(i);
            for (var j = 0; j < row.Length; j++) if (float.IsNaN(FeatureScaler.Transform(candidates[j], row[j]))) missing[j]++;
        }
        for (var j = 0; j < missing.Length; j++) missing[j] /= table.Count;
        var (features, dropped) = options.Policy.Select(candidates, missing);
        var keep = features.Select(f => candidates.ToList().IndexOf(f)).ToArray();
        var raw = new float[table.Count][];
        var complete = new List<int>();
        for (var i = 0; i < table.Count; i++)
        {
            var row = table.Row(i);
            var r = new float[keep.Length];
            // A value the transform cannot take (≤ 0 for a logged feature) counts as missing, as in the missing-share count above.
            for (var j = 0; j < keep.Length; j++) r[j] = float.IsNaN(FeatureScaler.Transform(features[j], row[keep[j]])) ? float.NaN : row[keep[j]];
            raw[i] = r;
            if (options.Population.Includes(table.Trains(i)) && !r.Any(float.IsNaN)) complete.Add(i);
        }
        var minimum = Math.Max(50, 10 * options.KMax);
        if (complete.Count < minimum)
            throw new PhenotypeFitException($"{complete.Count} {options.Population.Describe()} have every model feature; at least {minimum} are needed to fit");
        return (features, dropped, raw, complete);
    }

    internal static KCandidate Evaluate(float[][] sample, int[] clusters, int k, PhenotypeTrainingOptions options, int resamples,
        Refit refit)
    {
        var sizes = new int[k];
        foreach (var c in clusters) sizes[c]++;
        var silhouette = sizes.Count(s => s > 0) < 2 ? 0 : Silhouette.Mean(sample, clusters, options.SilhouetteSample, options.Seed);
        var jaccard = BootstrapJaccard.Compute(sample, clusters, k, refit, resamples, options.Seed);
        return new KCandidate(k, silhouette, jaccard, sizes);
    }

    internal static float[][] Sample(float[][] points, int size, int seed)
    {
        if (points.Length <= size) return points;
        var index = Enumerable.Range(0, points.Length).ToArray();
        new Random(seed).Shuffle(index);
        return index.Take(size).Order().Select(i => points[i]).ToArray();
    }
}
