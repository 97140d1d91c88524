using Cohort.Domain.Phenotypes;
using Cohort.Phenotyping.Clustering;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Modelling;
using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Tests;

/// <summary>
/// The trainer on a small synthetic cohort with four known tissue patterns (in raw units, log-normal like the real markers): the
/// missing-feature policy, sex standardisation, determinism, recovery, stability and nearest-centroid assignment.
/// </summary>
public sealed class TrainingTests
{
    private static readonly IReadOnlyList<PhenotypeFeature> Features = FeatureCatalogue.Default;

    /// <summary>Rows of the default candidates; pattern 0 sensitive, 1 hepatic, 2 muscle, 3 adipose. Column 8 (Adipo-IR) mostly missing.</summary>
    private static (FeatureTable Table, int[] Truth) Cohort(int n, int seed)
    {
        var rng = new Random(seed);
        double G() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var table = new FeatureTable(Features.Count);
        var truth = new int[n];
        for (var i = 0; i < n; i++)
        {
            var p = i % 4;
            truth[i] = p;
            double h = p == 1 ? 2 : p == 0 ? -1 : 0, m = p == 2 ? 2 : p == 0 ? -1 : 0, a = p == 3 ? 2 : p == 0 ? -1 : 0;
            var sex = (byte)(1 + i / 4 % 2);
            var shift = sex == 2 ? 0.3 : 0; // men: higher waist, lower HDL, higher enzymes — must not become a cluster
            var row = new float[Features.Count];
            for (var j = 0; j < Features.Count; j++)
            {
                var f = Features[j];
                var latent = f.Tissue switch { Tissue.Hepatic => h, Tissue.Muscle => m, _ => a };
                var z = 0.5 * latent + 0.35 * G() + shift;
                var oriented = f.Orientation * z;
                row[j] = f.Log ? (float)Math.Exp(1 + 0.5 * oriented) : (float)(50 + 10 * oriented);
            }
            if (rng.NextDouble() < 0.7) row[8] = float.NaN;        // Adipo-IR needs NEFA: often absent → dropped from the model
            if (i % 50 == 7) row[5] = float.NaN;                   // MISI missing → reduced feature set
            if (i % 97 == 3) { row[5] = row[6] = row[7] = float.NaN; } // no OGTT values → unclassifiable
            table.Add(row, sex, trains: i % 61 != 5);
        }
        return (table, truth);
    }

    private sealed class Listener(Action<FitStep> told) : IProgress<FitStep>
    {
        public void Report(FitStep value) => told(value);
    }

    private static readonly PhenotypeTrainingOptions Options = new() { Seed = 3, KMin = 2, KMax = 6, SelectionSample = 1200, Resamples = 10, ValidationResamples = 20, Starts = 3 };

    [Fact]
    public void Same_data_and_seed_give_the_same_model_and_a_progress_listener_changes_nothing()
    {
        var (table, _) = Cohort(1600, 1);
        var a = PhenotypeTrainer.Train(table, Options);
        var steps = new System.Collections.Concurrent.ConcurrentQueue<FitStep>();
        var b = PhenotypeTrainer.Train(table, Options with { Progress = new Listener(steps.Enqueue) });
        // Every step is told, in order; the k candidates (2–6) count up to all five.
        var names = steps.Select(s => s.Name).Distinct().ToArray();
        Assert.StartsWith("preparing and scaling the features of 1,600 participants", names[0]);
        Assert.StartsWith("choosing k: k-means at k = 2–6", names[1]);
        Assert.Equal(5, steps.Where(s => s.Name == names[1]).Max(s => s.Done));
        Assert.All(steps.Where(s => s.Name == names[1]), s => Assert.Equal(5, s.Total));
        Assert.Contains(names, n => n.StartsWith("validating the clusters (20 bootstrap resamples", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("testing the sample against a continuum", StringComparison.Ordinal));
        Assert.Equal(a.K, b.K);
        for (var c = 0; c < a.K; c++) Assert.Equal(a.Centroids[c], b.Centroids[c]);
        Assert.Equal(a.Jaccard, b.Jaccard);
        Assert.Equal(a.Silhouette, b.Silhouette);
        Assert.Equal(a.TrainingClusters, b.TrainingClusters);
    }

    [Fact]
    public void The_policy_drops_sparse_features_and_counts_clustered_reduced_and_unclassifiable()
    {
        var (table, _) = Cohort(1600, 2);
        var model = PhenotypeTrainer.Train(table, Options);
        Assert.DoesNotContain(model.Features, f => f.Metric == "adipo_ir");
        Assert.Contains(model.Dropped, d => d.StartsWith("adipo_ir"));
        var expectedUnclassifiable = Enumerable.Range(0, 1600).Count(i => i % 97 == 3);
        var expectedReduced = Enumerable.Range(0, 1600).Count(i => i % 50 == 7 && i % 97 != 3);
        Assert.Equal(expectedUnclassifiable, model.Coverage[(int)FeatureCoverage.Unclassifiable]);
        Assert.Equal(expectedReduced, model.Coverage[(int)FeatureCoverage.Reduced]);
        Assert.Equal(1600 - expectedReduced - expectedUnclassifiable, model.Coverage[(int)FeatureCoverage.Complete]);
        // Rows that may not train (diabetes range) are still assigned but have no training cluster.
        Assert.All(Enumerable.Range(0, 1600).Where(i => i % 61 == 5), i => Assert.Equal(-1, model.TrainingClusters[i]));
    }

    [Fact]
    public void A_tissue_left_with_too_few_features_refuses_the_fit_with_a_reason()
    {
        var (table, _) = Cohort(400, 3);
        var sparse = new FeatureTable(table.Width);
        for (var i = 0; i < table.Count; i++)
        {
            var row = table.Row(i).ToArray();
            row[9] = row[10] = float.NaN; // waist and TG/HDL gone: adipose keeps only HDL
            sparse.Add(row, table.Sex(i));
        }
        var e = Assert.Throws<PhenotypeFitException>(() => PhenotypeTrainer.Train(sparse, Options));
        Assert.Contains("adipose", e.Message);
    }

    [Fact]
    public void Known_patterns_are_recovered_labelled_and_stable()
    {
        var (table, truth) = Cohort(2000, 4);
        var model = PhenotypeTrainer.Train(table, Options);
        Assert.True(4 == model.K, string.Join("\n", model.Labels.Select(l => l.Rationale)));
        Assert.True(model.Labels[2].Phenotype == Phenotype.MuscleDominant, string.Join("\n", model.Labels.Select(l => l.Rationale)));
        Assert.All(model.Jaccard, j => Assert.True(j >= BootstrapJaccard.Stable, $"Jaccard {j:0.00}"));
        Assert.Equal([Phenotype.NoRaisedTissueScore, Phenotype.HepaticDominant, Phenotype.MuscleDominant, Phenotype.AdiposeDominant],
            model.Labels.Select(l => l.Phenotype));
        var assigner = model.Assigner();
        var keep = model.Features.Select(f => Features.ToList().IndexOf(f)).ToArray();
        var labels = new List<int>();
        var truths = new List<int>();
        for (var i = 0; i < table.Count; i++)
        {
            var a = assigner.Assign(keep.Select(j => table.Row(i)[j]).ToArray(), table.Sex(i));
            if (a.Cluster < 0) continue;
            labels.Add((int)a.Phenotype);
            truths.Add(truth[i]);
        }
        Assert.True(AdjustedRandIndex.Compute(labels, truths) >= 0.9);
    }

    [Fact]
    public void Nearest_centroid_assignment_equals_the_fitted_assignment_on_the_training_data()
    {
        var (table, _) = Cohort(1600, 5);
        var model = PhenotypeTrainer.Train(table, Options);
        var assigner = model.Assigner();
        var keep = model.Features.Select(f => Features.ToList().IndexOf(f)).ToArray();
        var checkedRows = 0;
        for (var i = 0; i < table.Count; i++)
        {
            if (model.TrainingClusters[i] < 0) continue;
            Assert.Equal(model.TrainingClusters[i], assigner.Assign(keep.Select(j => table.Row(i)[j]).ToArray(), table.Sex(i)).Cluster);
            checkedRows++;
        }
        Assert.True(checkedRows > 1000);
    }

    [Fact]
    public void Sex_standardised_scaling_centres_each_sex_on_its_own_statistics()
    {
        var (table, _) = Cohort(1600, 6);
        var model = PhenotypeTrainer.Train(table, Options);
        foreach (var sex in new byte[] { 1, 2 })
        {
            var rows = Enumerable.Range(0, table.Count).Where(i => model.TrainingClusters[i] >= 0 && table.Sex(i) == sex).ToArray();
            var keep = model.Features.Select(f => Features.ToList().IndexOf(f)).ToArray();
            for (var j = 0; j < keep.Length; j++)
            {
                var z = rows.Select(i => (double)model.Scaler.Scale(keep.Select(c => table.Row(i)[c]).ToArray(), sex)[j]).ToArray();
                Assert.Equal(0, z.Average(), 3);
                var sd = Math.Sqrt(z.Sum(x => x * x) / (z.Length - 1));
                Assert.Equal(1, sd, 3);
            }
        }
    }

    [Fact]
    public void K_selection_takes_the_largest_stable_k_and_says_when_none_is()
    {
        KCandidate C(int k, double s, params double[] j) => new(k, s, j, j.Select(_ => 10).ToArray());
        var (chosen, reason) = KSelection.Choose([C(2, 0.5, 1, 1), C(3, 0.3, 0.9, 0.8, 0.8), C(4, 0.2, 0.9, 0.6, 0.8, 0.9), C(5, 0.05, 0.9, 0.9, 0.9, 0.9, 0.9)]);
        Assert.Equal(3, chosen.K);
        Assert.Contains("largest k", reason);
        (chosen, reason) = KSelection.Choose([C(2, 0.5, 0.7, 0.5), C(3, 0.3, 0.6, 0.4, 0.5)]);
        Assert.Equal(2, chosen.K);
        Assert.Contains("no k", reason);
    }
}
