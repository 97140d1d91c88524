using Cohort.Phenotyping.Clustering;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Labelling;
using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// Fits a phenotype model from the raw candidate features of a cohort: applies the missing-feature policy, fits the sex-standardised
/// scaler on the complete participants that may train (not in the diabetes range at the feature visit), chooses k on a seeded sample (silhouette and bootstrap stability), fits the final centroids
/// with ML.NET k-means on every complete participant, labels them from their tissue scores, validates the final clusters on the sample,
/// and counts coverage. Deterministic for a given table, options and seed.
/// </summary>
public static class PhenotypeTrainer
{
    public static TrainedPhenotypeModel Train(FeatureTable table, PhenotypeTrainingOptions options)
    {
        options.Validate();
        var timing = new PhaseTiming();
        var candidates = options.Candidates;
        if (table.Width != candidates.Count) throw new ArgumentException($"the table has {table.Width} features; {candidates.Count} candidates were given");
        if (table.Count == 0) throw new PhenotypeFitException("no participant has a feature visit; ingest data with OGTTs first");

        // 1. Which features the model keeps.
        var missing = new double[candidates.Count];
        for (var i = 0; i < table.Count; i++)
        {
            var row = table.Row(i);
            for (var j = 0; j < row.Length; j++) if (float.IsNaN(FeatureScaler.Transform(candidates[j], row[j]))) missing[j]++;
        }
        for (var j = 0; j < missing.Length; j++) missing[j] /= table.Count;
        var (features, dropped) = options.Policy.Select(candidates, missing);
        var keep = features.Select(f => candidates.ToList().IndexOf(f)).ToArray();

        // 2. Complete participants fit the scaler and the model.
        var raw = new float[table.Count][];
        var complete = new List<int>();
        for (var i = 0; i < table.Count; i++)
        {
            var row = table.Row(i);
            var r = new float[keep.Length];
            // A value the transform cannot take (≤ 0 for a logged feature) counts as missing, as in the missing-share count above.
            for (var j = 0; j < keep.Length; j++) r[j] = float.IsNaN(FeatureScaler.Transform(features[j], row[keep[j]])) ? float.NaN : row[keep[j]];
            raw[i] = r;
            if (Trains(table, i, options.Population) && !r.Any(float.IsNaN)) complete.Add(i);
        }
        var minimum = Math.Max(50, 10 * options.KMax);
        if (complete.Count < minimum)
            throw new PhenotypeFitException($"{complete.Count} {options.Population.Describe()} have every model feature; at least {minimum} are needed to fit");
        var scaler = FeatureScaler.Fit(features, complete.Select(i => raw[i]).ToArray(), complete.Select(i => table.Sex(i)).ToArray());
        var points = complete.Select(i => scaler.Scale(raw[i], table.Sex(i))).ToArray();

        timing.Lap("prepare and scale");

        // 3. k: evidence on a seeded sample.
        var sample = Sample(points, options.SelectionSample, options.Seed);
        var ks = options.K is { } fixedK ? [fixedK] : Enumerable.Range(options.KMin, options.KMax - options.KMin + 1).ToArray();
        var evidence = new KCandidate[ks.Length];
        Parallel.For(0, ks.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, n =>
        {
            var k = ks[n];
            var fit = KMeansFit.FitBest(sample, k, options.Seed, options.Starts);
            evidence[n] = Evaluate(sample, fit.Assignments, k, options, options.Resamples);
        });
        var (chosen, reason) = options.K is null ? KSelection.Choose(evidence)
            : (evidence[0], $"k = {evidence[0].K} fixed by the request (smallest bootstrap Jaccard {evidence[0].MinimumJaccard:0.00}, silhouette {evidence[0].Silhouette:0.00})");

        timing.Lap("k selection");

        // 4. Final centroids on the complete participants (a seeded sample of at most FinalSample of them: beyond that the centroids
        // move by hundredths of an SD), labelled and put in a stable order; every complete participant takes its nearest centroid.
        var fitted = KMeansFit.FitBest(Sample(points, options.FinalSample, options.Seed + 1), chosen.K, options.Seed, options.Starts);
        var final = new KMeansResult(fitted.K, fitted.Centroids, points.Select(p => KMeansFit.Nearest(fitted.Centroids, p).Cluster).ToArray());
        timing.Lap("final fit");
        var tissueLabelled = features.All(f => f.Tissue != Tissue.None);
        var tissueLabels = final.Centroids.Select(c => tissueLabelled ? PhenotypeLabeller.Label(TissueScores.Of(c, features)) : null).ToArray();
        var sizes = new long[final.K];
        foreach (var a in final.Assignments) sizes[a]++;
        var order = Enumerable.Range(0, final.K).OrderBy(c => tissueLabels[c]?.Phenotype).ThenByDescending(c => sizes[c]).ThenBy(c => c).ToArray();
        var centroids = order.Select(c => final.Centroids[c]).ToArray();
        // Numbered clusters (features that do not all map to a tissue) are numbered by size and described by their centroid profile.
        var labels = order.Select((c, i) => tissueLabels[c] ?? PhenotypeLabeller.Numbered(i, final.Centroids[c], features)).ToArray();
        sizes = order.Select(c => sizes[c]).ToArray();
        var rank = new int[final.K];
        for (var i = 0; i < order.Length; i++) rank[order[i]] = i;
        var trainingClusters = new int[table.Count];
        Array.Fill(trainingClusters, -1);
        for (var i = 0; i < complete.Count; i++) trainingClusters[complete[i]] = rank[final.Assignments[i]];

        // 5. Validation of the final clusters on the sample: its points take their nearest final centroid.
        var sampleClusters = sample.Select(p => KMeansFit.Nearest(centroids, p).Cluster).ToArray();
        var validation = Evaluate(sample, sampleClusters, chosen.K, options, options.ValidationResamples);
        timing.Lap("validation");

        // 6. Coverage of every participant under the model.
        var assigner = new PhenotypeAssigner(scaler, centroids, labels.Select(l => l.Phenotype).ToArray(), options.Policy);
        var coverage = new long[4];
        coverage[(int)FeatureCoverage.NoFeatureVisit] = table.NoFeatureVisit;
        for (var i = 0; i < table.Count; i++) coverage[(int)assigner.Assign(raw[i], table.Sex(i)).Coverage]++;
        timing.Lap("coverage");

        return new TrainedPhenotypeModel
        {
            Features = features,
            Dropped = dropped,
            Scaler = scaler,
            Centroids = centroids,
            Labels = labels,
            TrainingSizes = sizes,
            Candidates = evidence,
            KReason = reason,
            Silhouette = validation.Silhouette,
            Jaccard = validation.Jaccard,
            Coverage = coverage,
            Seed = options.Seed,
            Policy = options.Policy,
            TrainingClusters = trainingClusters,
            Timing = timing.ToString(),
        };
    }

    /// <summary>Whether a row of the feature table may shape the centroids (<see cref="FeatureTable.Trains"/>: outside the diabetes range).</summary>
    private static bool Trains(FeatureTable table, int i, TrainingPopulation population) => population switch
    {
        TrainingPopulation.Diabetes => !table.Trains(i),
        TrainingPopulation.Everyone => true,
        _ => table.Trains(i),
    };

    private static KCandidate Evaluate(float[][] sample, int[] clusters, int k, PhenotypeTrainingOptions options, int resamples)
    {
        var sizes = new int[k];
        foreach (var c in clusters) sizes[c]++;
        var silhouette = sizes.Count(s => s > 0) < 2 ? 0 : Silhouette.Mean(sample, clusters, options.SilhouetteSample, options.Seed);
        var jaccard = BootstrapJaccard.Compute(sample, clusters, (pts, seed) => KMeansFit.FitBest(pts, k, seed, options.Starts).Assignments, resamples, options.Seed);
        return new KCandidate(k, silhouette, jaccard, sizes);
    }

    private sealed class PhaseTiming
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly List<string> _laps = [];

        public void Lap(string phase)
        {
            _laps.Add($"{phase} {_clock.Elapsed.TotalSeconds:0.00} s");
            _clock.Restart();
        }

        public override string ToString() => string.Join(", ", _laps);
    }

    private static float[][] Sample(float[][] points, int size, int seed)
    {
        if (points.Length <= size) return points;
        var index = Enumerable.Range(0, points.Length).ToArray();
        new Random(seed).Shuffle(index);
        return index.Take(size).Order().Select(i => points[i]).ToArray();
    }
}
