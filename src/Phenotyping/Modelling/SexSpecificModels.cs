using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Mixtures;
using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// Sex-specific phenotypes, as Ahlqvist et al. (2018) clustered women and men separately: the same features (chosen on the whole
/// cohort by the missing-feature policy) are fitted in women and in men, each with its own k (or mixture family), and the two models
/// are joined into one — women's clusters first, then men's — so that each participant is assigned among the clusters of their own sex.
/// A pooled model is fitted on the same data beside it, and the agreement between the pooled and the sex-specific clusters is reported
/// (ARI among women and among men): high agreement says sex-specific fitting changes little.
/// </summary>
internal static class SexSpecificModels
{
    public static TrainedPhenotypeModel Train(FeatureTable table, PhenotypeTrainingOptions options)
    {
        var timing = new PhaseTiming();
        var pooled = PhenotypeTrainer.TrainPooled(table, options.Within("pooled fit for comparison"));
        timing.Lap("pooled fit for comparison");
        var features = pooled.Features;
        var keep = features.Select(f => options.Candidates.ToList().IndexOf(f)).ToArray();
        // The sexes fit the features the whole cohort keeps; the policy drops nothing more within a sex.
        var sub = options with { Candidates = features, Policy = options.Policy with { DropFeatureAbove = 1.0 }, BySex = false };
        var fits = new List<TrainedPhenotypeModel>();
        var rows = new List<int[]>();
        foreach (var sex in new byte[] { 1, 2 })
        {
            var index = Enumerable.Range(0, table.Count).Where(i => table.Sex(i) == sex).ToArray();
            var part = new FeatureTable(features.Count, index.Length);
            var row = new float[features.Count];
            foreach (var i in index)
            {
                var all = table.Row(i);
                for (var j = 0; j < keep.Length; j++) row[j] = all[keep[j]];
                part.Add(row, sex, table.Trains(i));
            }
            try
            {
                fits.Add(PhenotypeTrainer.TrainPooled(part, sub.Within(sex == 1 ? "women" : "men"), numberFrom: fits.Sum(f => f.K)));
            }
            catch (PhenotypeFitException e)
            {
                throw new PhenotypeFitException($"{(sex == 1 ? "women" : "men")}: {e.Message}");
            }
            rows.Add(index);
        }
        timing.Lap("fits by sex");
        var (women, men) = (fits[0], fits[1]);
        var labels = women.Labels.Concat(men.Labels).ToArray();
        if (labels.Any(l => l.Phenotype > Domain.Phenotypes.Phenotype.Cluster12))
            throw new PhenotypeFitException($"women's and men's models have {labels.Length} numbered clusters together; at most 12 can be named — lower --k-max");
        var mixture = women.Mixture is { } w && men.Mixture is { } m
            ? new GaussianMixture(w.Model, [.. w.Weights, .. m.Weights], [.. w.Means, .. m.Means], [.. w.Covariances, .. m.Covariances])
            : null;
        var clusterSex = Enumerable.Repeat((byte)1, women.K).Concat(Enumerable.Repeat((byte)2, men.K)).ToArray();
        var trainingClusters = new int[table.Count];
        Array.Fill(trainingClusters, -1);
        for (var s = 0; s < 2; s++)
        {
            var offset = s == 0 ? 0 : women.K;
            for (var r = 0; r < rows[s].Length; r++)
                if (fits[s].TrainingClusters[r] >= 0) trainingClusters[rows[s][r]] = fits[s].TrainingClusters[r] + offset;
        }
        var combined = new TrainedPhenotypeModel
        {
            Method = options.Method,
            Features = features,
            Dropped = pooled.Dropped,
            Scaler = pooled.Scaler,
            Centroids = [.. women.Centroids, .. men.Centroids],
            Mixture = mixture,
            ClusterSex = clusterSex,
            Labels = labels,
            TrainingSizes = [.. women.TrainingSizes, .. men.TrainingSizes],
            Candidates = [.. women.Candidates, .. men.Candidates],
            MixtureCandidates = [.. women.MixtureCandidates, .. men.MixtureCandidates],
            KReason = $"women: {women.KReason}. Men: {men.KReason}",
            Silhouette = (women.Silhouette * women.TrainingSizes.Sum() + men.Silhouette * men.TrainingSizes.Sum()) / (women.TrainingSizes.Sum() + men.TrainingSizes.Sum()),
            Jaccard = [.. women.Jaccard, .. men.Jaccard],
            Coverage = pooled.Coverage,
            Seed = options.Seed,
            Policy = options.Policy,
            TrainingClusters = trainingClusters,
            Membership = women.Membership is { } a && men.Membership is { } b
                ? new Membership((a.MeanTopProbability * a.N + b.MeanTopProbability * b.N) / (a.N + b.N), (a.Entropy * a.N + b.Entropy * b.N) / (a.N + b.N), a.Uncertain + b.Uncertain, a.N + b.N)
                : null,
            Continuum = women.Continuum with { Statement = $"Women: {women.Continuum.Statement} Men: {men.Continuum.Statement}" },
            BySex = fits,
            Timing = "",
        };
        // Coverage under the joined model (participants of unrecorded sex cannot be assigned by it).
        var assigner = combined.Assigner();
        var coverage = new long[4];
        coverage[(int)FeatureCoverage.NoFeatureVisit] = table.NoFeatureVisit;
        var raw = new float[features.Count];
        for (var i = 0; i < table.Count; i++)
        {
            var all = table.Row(i);
            for (var j = 0; j < keep.Length; j++) raw[j] = all[keep[j]];
            coverage[(int)assigner.CoverageOf(raw, table.Sex(i))]++;
        }
        timing.Lap("coverage");
        return combined with
        {
            Coverage = coverage,
            PooledAgreement = (Agreement(table, pooled, trainingClusters, 1), Agreement(table, pooled, trainingClusters, 2)),
            Timing = $"{timing}; women: {women.Timing}; men: {men.Timing}",
        };
    }

    private static double Agreement(FeatureTable table, TrainedPhenotypeModel pooled, int[] bySex, byte sex)
    {
        var (a, b) = (new List<int>(), new List<int>());
        for (var i = 0; i < table.Count; i++)
        {
            if (table.Sex(i) != sex || pooled.TrainingClusters[i] < 0 || bySex[i] < 0) continue;
            a.Add(pooled.TrainingClusters[i]);
            b.Add(bySex[i]);
        }
        return a.Count < 2 ? double.NaN : AdjustedRandIndex.Compute(a, b);
    }
}
