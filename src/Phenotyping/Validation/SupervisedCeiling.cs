using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cohort.Phenotyping.Validation;

/// <summary>
/// What the features allow at best: a supervised classifier (ML.NET's multinomial logistic regression, L-BFGS) trained on the true
/// classes with the same features, its predictions made by k-fold cross-validation (each point predicted by a model that did not see
/// it), scored by the adjusted Rand index against the truth. No clustering of the same features can be expected to beat it, so a
/// clustering's ARI is read as a share of this ceiling. Only possible where a truth exists: the generator's latent phenotypes.
/// </summary>
public static class SupervisedCeiling
{
    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public int Class { get; set; }
    }

    private sealed class Prediction
    {
        public int PredictedClass { get; set; }
    }

    public sealed record Result(double Ari, double Accuracy, int Folds, int N);

    public static Result CrossValidated(IReadOnlyList<float[]> points, IReadOnlyList<int> truth, int folds = 5, int seed = 1)
    {
        if (points.Count != truth.Count) throw new ArgumentException("one true class per point");
        var n = points.Count;
        var fold = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(fold);
        var foldOf = new int[n];
        for (var i = 0; i < n; i++) foldOf[fold[i]] = i % folds;
        var predicted = new int[n];
        var dimensions = points[0].Length;
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, n).Where(i => foldOf[i] != f).Select(i => new Row { Features = points[i], Class = truth[i] });
            var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(Row.Class), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = "Label", FeatureColumnName = nameof(Row.Features), NumberOfThreads = 1,
                }))
                .Append(ml.Transforms.Conversion.MapKeyToValue(nameof(Prediction.PredictedClass), "PredictedLabel"));
            var model = pipeline.Fit(ml.Data.LoadFromEnumerable(train, schema));
            var test = Enumerable.Range(0, n).Where(i => foldOf[i] == f).ToArray();
            var scored = model.Transform(ml.Data.LoadFromEnumerable(test.Select(i => new Row { Features = points[i], Class = truth[i] }), schema));
            var labels = ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).Select(p => p.PredictedClass).ToArray();
            for (var j = 0; j < test.Length; j++) predicted[test[j]] = labels[j];
        }
        var correct = Enumerable.Range(0, n).Count(i => predicted[i] == truth[i]);
        return new Result(AdjustedRandIndex.Compute(predicted, truth), (double)correct / n, folds, n);
    }
}
