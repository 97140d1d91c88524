using Cohort.Domain.Phenotypes;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Modelling;
using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Tests;

/// <summary>
/// Fits on features a study chose: codes resolve to features (Cohort's tissue features keep their tissue, others map to none), a model
/// with an unmapped feature numbers its clusters by size and describes them by profile, presets fit data without an OGTT, and the
/// Ahlqvist-like preset trains on people with diabetes.
/// </summary>
public sealed class StudyFeatureTests
{
    private static (string, string, bool)? Metric(string code) => code.ToLowerInvariant() switch
    {
        "glucose" => ("glucose", "Plasma glucose (fasting)", false),
        "insulin" => ("insulin", "Serum insulin (fasting)", true),
        "sspg" => ("sspg", "Steady-state plasma glucose", true),
        "hba1c" => ("hba1c", "Haemoglobin A1c", false),
        _ => null,
    };

    [Fact]
    public void Codes_become_features_with_tissue_orientation_and_transform()
    {
        var features = FeatureSelection.FromCodes(["glucose", "insulin", "SSPG", "age"], ["sspg"], Metric);
        Assert.Equal(["glucose", "insulin", "sspg", "age"], features.Select(f => f.Metric));
        Assert.Equal([Tissue.Hepatic, Tissue.None, Tissue.None, Tissue.None], features.Select(f => f.Tissue));
        Assert.Equal([false, false, true, false], features.Select(f => f.Log));
        // Without --log: Cohort's tissue features keep their transform, other skewed metrics are logged.
        Assert.Equal([false, true, true], FeatureSelection.FromCodes(["glucose", "insulin", "sspg"], null, Metric).Select(f => f.Log));
    }

    [Fact]
    public void Bad_feature_lists_are_refused_naming_every_problem()
    {
        var e = Assert.Throws<PhenotypeFitException>(() => FeatureSelection.FromCodes(["glucose", "nope", "glucose"], ["hba1c"], Metric));
        Assert.Contains("'nope' is not a marker, index or 'age'", e.Message);
        Assert.Contains("'glucose' is named twice", e.Message);
        Assert.Contains("--log names 'hba1c', which is not among the features", e.Message);
        Assert.Contains("at least two features", Assert.Throws<PhenotypeFitException>(() => FeatureSelection.FromCodes(["sspg"], null, Metric)).Message);
    }

    /// <summary>Three groups in (sspg, hba1c, age) with sizes 50%, 30%, 20%; column 3 is "in the diabetes range" for group 2.</summary>
    private static (FeatureTable Table, int[] Truth) Groups(int n, int seed)
    {
        var rng = new Random(seed);
        double G() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var table = new FeatureTable(3);
        var truth = new int[n];
        for (var i = 0; i < n; i++)
        {
            var g = i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2;
            truth[i] = g;
            var row = new[] { (float)Math.Exp(4.6 + 0.6 * g + 0.1 * G()), (float)(38 + 12 * (g == 2 ? 1 : 0) + 2 * G()), (float)(45 + 10 * (g == 1 ? 1 : 0) + 3 * G()) };
            table.Add(row, (byte)(1 + i % 2), trains: g != 2);
        }
        return (table, truth);
    }

    private static readonly PhenotypeTrainingOptions Options = new() { Seed = 2, K = 3, SelectionSample = 900, Resamples = 5, ValidationResamples = 10 };

    [Fact]
    public void Clusters_of_unmapped_features_are_numbered_by_size_with_their_profiles()
    {
        var (table, truth) = Groups(1500, 4);
        var features = FeatureSelection.FromCodes(["sspg", "hba1c", "age"], ["sspg"], c => c == "age" ? null : Metric(c) ?? (c, c, false));
        var model = PhenotypeTrainer.Train(table, Options with { Candidates = features, Population = TrainingPopulation.Everyone });
        Assert.Equal([Phenotype.Cluster1, Phenotype.Cluster2, Phenotype.Cluster3], model.Labels.Select(l => l.Phenotype));
        Assert.True(model.TrainingSizes[0] >= model.TrainingSizes[1] && model.TrainingSizes[1] >= model.TrainingSizes[2]);
        Assert.All(model.Labels, l => Assert.Contains("Profile (SD from the cohort): ", l.Rationale));
        Assert.Equal("cluster-2", model.Labels[1].Phenotype.Code());
        var assigned = Enumerable.Range(0, table.Count).Select(i => model.Assigner().Assign(table.Row(i), table.Sex(i)).Cluster).ToArray();
        Assert.True(AdjustedRandIndex.Compute(truth, assigned) > 0.9);
    }

    [Fact]
    public void The_training_population_decides_who_shapes_the_centroids()
    {
        var (table, _) = Groups(1500, 5);
        var features = FeatureSelection.FromCodes(["sspg", "hba1c", "age"], ["sspg"], c => Metric(c) ?? (c, c, false));
        var diabetes = PhenotypeTrainer.Train(table, Options with { Candidates = features, Population = TrainingPopulation.Diabetes, K = 2, SelectionSample = 200 });
        Assert.Equal(300, diabetes.TrainingSizes.Sum());
        var outside = PhenotypeTrainer.Train(table, Options with { Candidates = features, K = 2 });
        Assert.Equal(1200, outside.TrainingSizes.Sum());
    }

    [Fact]
    public void The_fasting_preset_labels_hepatic_and_adipose_patterns_without_an_OGTT()
    {
        Assert.True(FeaturePresets.TryGet("FASTING", out var fasting));
        Assert.True(fasting.TissueLabelled);
        Assert.DoesNotContain(fasting.Features, f => f.Tissue == Tissue.Muscle);
        var rng = new Random(9);
        double G() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var table = new FeatureTable(fasting.Features.Count);
        for (var i = 0; i < 1200; i++)
        {
            double h = i % 3 == 1 ? 2 : 0, a = i % 3 == 2 ? 2 : 0;
            table.Add(fasting.Features.Select(f => (float)(f.Tissue == Tissue.Hepatic ? h : a) * 0.5 + 0.35 * G())
                .Select((z, j) => fasting.Features[j].Log ? (float)Math.Exp(1 + 0.5 * fasting.Features[j].Orientation * z) : (float)(50 + 10 * fasting.Features[j].Orientation * z))
                .ToArray(), (byte)(1 + i % 2));
        }
        var model = PhenotypeTrainer.Train(table, Options with { Candidates = fasting.Features, K = 3 });
        Assert.Equal([Phenotype.NoRaisedTissueScore, Phenotype.HepaticDominant, Phenotype.AdiposeDominant], model.Labels.Select(l => l.Phenotype).Order());
        Assert.All(model.Labels, l => Assert.True(double.IsNaN(l.Scores.Muscle)));
    }

    [Fact]
    public void The_Ahlqvist_preset_numbers_its_clusters_and_trains_on_diabetes()
    {
        Assert.True(FeaturePresets.TryGet("ahlqvist", out var ahlqvist));
        Assert.False(ahlqvist.TissueLabelled);
        Assert.Equal(TrainingPopulation.Diabetes, ahlqvist.Population);
        Assert.Equal(["age", "bmi", "hba1c", "homa_ir", "homa_b"], ahlqvist.Features.Select(f => f.Metric));
    }
}
