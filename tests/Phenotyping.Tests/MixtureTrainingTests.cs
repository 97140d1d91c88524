using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Mixtures;
using Cohort.Phenotyping.Modelling;
using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Tests;

/// <summary>
/// Model-based phenotypes in the trainer: a mixture recovers elongated clusters of unequal spread that k-means cuts across, every
/// assigned participant gets membership probabilities and the uncertain are counted, sex-specific models assign among a participant's
/// own sex's clusters, and the continuum test tells a structureless cloud from groups.
/// </summary>
public sealed class MixtureTrainingTests
{
    private static readonly PhenotypeFeature[] Two =
    [
        new("x", Tissue.None, Log: false, +1, "first"),
        new("y", Tissue.None, Log: false, +1, "second"),
    ];

    private static double G(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Three parallel elongated groups (long axis 8× the short one, along the diagonal), the middle one with twice the spread.</summary>
    private static (FeatureTable Table, int[] Truth) Elongated(int n, int seed, Func<int, byte>? sexOf = null)
    {
        var rng = new Random(seed);
        var table = new FeatureTable(2);
        var truth = new int[n];
        for (var i = 0; i < n; i++)
        {
            var g = i % 3;
            truth[i] = g;
            var (along, across) = (4.0 * G(rng), (g == 1 ? 1.0 : 0.5) * G(rng));
            var offset = (g - 1) * 3.0;
            table.Add([(float)(50 + along + across + offset), (float)(50 + along - across - offset)], sexOf?.Invoke(i) ?? (byte)(1 + i % 2));
        }
        return (table, truth);
    }

    private static readonly PhenotypeTrainingOptions Options = new()
    {
        Seed = 4, K = 3, SelectionSample = 1500, Resamples = 5, ValidationResamples = 10, Candidates = Two, Population = TrainingPopulation.Everyone,
    };

    private static double Ari(TrainedPhenotypeModel model, int[] truth) =>
        AdjustedRandIndex.Compute(Enumerable.Range(0, truth.Length).Where(i => model.TrainingClusters[i] >= 0).Select(i => model.TrainingClusters[i]).ToArray(),
            Enumerable.Range(0, truth.Length).Where(i => model.TrainingClusters[i] >= 0).Select(i => truth[i]).ToArray());

    [Theory]
    [InlineData(CovarianceModel.VVV)]
    [InlineData(CovarianceModel.EII)]
    public void Em_over_distinct_points_weighted_by_their_repeats_is_em_over_the_repeated_points(CovarianceModel model)
    {
        // A bootstrap resample is refitted over its distinct points with weights: it must be the same fit as over the draws themselves.
        var (table, _) = Elongated(300, 2);
        var points = Enumerable.Range(0, table.Count).Select(i => table.Row(i).ToArray().Select(v => (double)v).ToArray()).ToArray();
        var rng = new Random(5);
        var counts = points.Select(_ => (double)rng.Next(1, 4)).ToArray();
        var repeated = points.SelectMany((p, i) => Enumerable.Repeat(p, (int)counts[i])).ToArray();
        var start = MixtureFit.FromPartition(points, 3, model, Enumerable.Range(0, points.Length).Select(i => i % 3).ToArray(), maxIterations: 3)!.Mixture;
        var weighted = MixtureFit.Run(points, start, maxIterations: 8, weights: counts)!;
        var plain = MixtureFit.Run(repeated, start, maxIterations: 8)!;
        Assert.Equal(plain.LogLikelihood, weighted.LogLikelihood, 1e-8);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(plain.Mixture.Weights[c], weighted.Mixture.Weights[c], 1e-10);
            for (var j = 0; j < 2; j++) Assert.Equal(plain.Mixture.Means[c][j], weighted.Mixture.Means[c][j], 1e-9);
            for (var j = 0; j < 4; j++) Assert.Equal(plain.Mixture.Covariances[c][j], weighted.Mixture.Covariances[c][j], 1e-9);
        }
        var expanded = Enumerable.Range(0, points.Length).SelectMany(i => Enumerable.Repeat(weighted.Map()[i], (int)counts[i])).ToArray();
        Assert.Equal(plain.Map(), expanded);
    }

    [Fact]
    public void A_mixture_recovers_elongated_clusters_that_k_means_cuts_across()
    {
        var (table, truth) = Elongated(1500, 1);
        var kmeans = PhenotypeTrainer.Train(table, Options);
        var mixture = PhenotypeTrainer.Train(table, Options with { Method = ClusteringMethod.Mixture });
        Assert.Null(kmeans.Mixture);
        Assert.NotNull(mixture.Mixture);
        Assert.True(Ari(mixture, truth) > 0.8, $"mixture ARI {Ari(mixture, truth):0.000}");
        Assert.True(Ari(mixture, truth) > Ari(kmeans, truth) + 0.3, $"mixture {Ari(mixture, truth):0.000} vs k-means {Ari(kmeans, truth):0.000}");
        // The selection table holds every family at k = 3 and the one-Gaussian baseline; the chosen family shares one full covariance (or each has its own).
        Assert.Equal(7, mixture.MixtureCandidates.Count);
        Assert.Contains(mixture.Mixture!.Model, new[] { CovarianceModel.EEE, CovarianceModel.VVV });
        Assert.Contains("BIC", mixture.KReason);
    }

    [Fact]
    public void Every_assigned_participant_gets_probabilities_and_the_uncertain_are_counted()
    {
        var (table, _) = Elongated(1500, 2);
        var model = PhenotypeTrainer.Train(table, Options with { Method = ClusteringMethod.Mixture });
        var assigner = model.Assigner();
        var posteriors = new double[model.K];
        long uncertain = 0, assigned = 0;
        for (var i = 0; i < table.Count; i++)
        {
            var a = assigner.Assign(table.Row(i), table.Sex(i), posteriors);
            Assert.Equal(1.0, posteriors.Sum(), 1e-9);
            Assert.Equal(posteriors.Max(), a.Probability, 1e-6);
            Assert.Equal(Array.IndexOf(posteriors, posteriors.Max()), a.Cluster);
            assigned++;
            if (a.Probability < Membership.UncertainBelow) uncertain++;
        }
        var m = model.Membership!;
        Assert.Equal(assigned, m.N);
        Assert.Equal(uncertain, m.Uncertain);
        Assert.InRange(m.MeanTopProbability, 0.5, 1);
        Assert.InRange(m.Entropy, 0, 1);
        // k-means has no probabilities.
        Assert.True(float.IsNaN(PhenotypeTrainer.Train(table, Options).Assigner().Assign(table.Row(0), table.Sex(0)).Probability));
    }

    [Theory]
    [InlineData(ClusteringMethod.KMeans)]
    [InlineData(ClusteringMethod.Mixture)]
    public void Sex_specific_models_assign_among_the_participants_own_sexs_clusters(ClusteringMethod method)
    {
        // Women (odd rows) and men (even rows), and a few of unrecorded sex.
        var (table, _) = Elongated(1800, 3, i => i % 97 == 0 ? (byte)0 : (byte)(1 + i % 2));
        var model = PhenotypeTrainer.Train(table, Options with { Method = method, BySex = true });
        Assert.Equal(6, model.K);
        Assert.Equal([1, 1, 1, 2, 2, 2], model.ClusterSex!.Select(s => (int)s));
        Assert.Equal(2, model.BySex.Count);
        var assigner = model.Assigner();
        for (var i = 0; i < table.Count; i++)
        {
            var a = assigner.Assign(table.Row(i), table.Sex(i));
            if (table.Sex(i) == 0) Assert.Equal(FeatureCoverage.Unclassifiable, a.Coverage);
            else Assert.Equal(table.Sex(i), model.ClusterSex![a.Cluster]);
        }
        Assert.Equal(table.Count - Enumerable.Range(0, table.Count).Count(i => table.Sex(i) == 0), model.Coverage[(int)FeatureCoverage.Complete]);
        // Women and men share the same structure here, so a mixture's pooled and sex-specific clusters agree closely (k-means cuts
        // these elongated groups differently from fit to fit, so its agreement is only reported).
        var (women, men) = model.PooledAgreement!.Value;
        Assert.InRange(women, -1, 1);
        Assert.InRange(men, -1, 1);
        if (method == ClusteringMethod.Mixture) Assert.True(women > 0.8 && men > 0.8, $"agreement women {women:0.00}, men {men:0.00}");
        Assert.Contains("women:", model.KReason);
        Assert.Contains("Men:", model.KReason);
    }

    [Fact]
    public void The_continuum_test_tells_a_structureless_cloud_from_groups()
    {
        var rng = new Random(5);
        var cloud = new FeatureTable(2);
        for (var i = 0; i < 1200; i++) cloud.Add([(float)(50 + 4 * G(rng)), (float)(50 + 2 * G(rng))], (byte)(1 + i % 2));
        var blob = PhenotypeTrainer.Train(cloud, Options with { Method = ClusteringMethod.Mixture });
        Assert.Equal(1, blob.Continuum.GapK);
        Assert.Contains("continuum", blob.Continuum.Statement);
        Assert.True(blob.Continuum.BicAdvantage < 0, $"BIC advantage {blob.Continuum.BicAdvantage}");
        Assert.Contains("A single Gaussian fits better", blob.Continuum.Statement);

        var groups = new FeatureTable(2);
        for (var i = 0; i < 1200; i++) groups.Add([(float)(50 + 10 * (i % 3) + G(rng)), (float)(50 + 10 * (i % 3 == 1 ? 1 : 0) + G(rng))], (byte)(1 + i % 2));
        var three = PhenotypeTrainer.Train(groups, Options with { Method = ClusteringMethod.Mixture });
        Assert.True(three.Continuum.GapK > 1);
        Assert.True(three.Continuum.BicAdvantage > ContinuumEvidence.VeryStrong);
        Assert.DoesNotContain("continuum", three.Continuum.Statement.Split(" though")[0]);
    }
}
