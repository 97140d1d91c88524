using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Validation;

namespace Cohort.Tests.Shared;

/// <summary>
/// How well a fitted model recovers the generator's latent phenotypes, read against what the features allow: the clustering's ARI
/// against the truth, and a cross-validated supervised classifier's ARI (the ceiling) on the same participants and the same scaled
/// features, from the shards' participant-level export (visit 1 of a one-visit cohort). Used by the tests and the bench alike.
/// </summary>
internal static class PhenotypeRecovery
{
    /// <summary>ARI of the clusters and of the phenotype labels (clusters with the same label merged) against the truth, and the ceiling.</summary>
    public sealed record Result(double Ari, double LabelAri, double Ceiling, double CeilingAccuracy, int Participants)
    {
        public double Share => Ari / Ceiling;
        public double LabelShare => LabelAri / Ceiling;
    }

    public static async Task<Result> MeasureAsync(IGrainFactory grains, PhenotypeModel model, IReadOnlyDictionary<string, string> truth, int shards)
    {
        var features = model.Features.Select(f => new PhenotypeFeature(f.Metric, Enum.Parse<Tissue>(f.Tissue, ignoreCase: true), f.Log, f.Orientation, f.Why)).ToArray();
        var scaler = new FeatureScaler(features, model.Means, model.Sds);
        var positions = model.Positions ?? throw new ArgumentException("the model predates stored feature positions");
        var codes = truth.Values.Distinct().Order(StringComparer.Ordinal).ToList();
        var (points, labels, clusters, phenotypes) = (new List<float[]>(), new List<int>(), new List<int>(), new List<int>());
        var query = new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5);
        for (var s = 0; s < shards; s++)
        {
            var chunk = await grains.GetGrain<ICohortShardGrain>(s).Export(query);
            var column = positions.Select(p => Array.IndexOf(chunk.MetricPositions!, p)).ToArray();
            for (var i = 0; i < chunk.Count; i++)
            {
                if (chunk.Visit[i] != 1 || chunk.PhenotypeCluster![i] == 0 || !truth.TryGetValue(chunk.ParticipantId[i], out var code)) continue;
                var raw = column.Select(c => c < 0 ? float.NaN : chunk.Metrics[c][i]).ToArray();
                var z = scaler.Scale(raw, chunk.Sex[i]);
                if (z.Any(float.IsNaN)) continue;
                points.Add(z);
                labels.Add(codes.IndexOf(code));
                clusters.Add(chunk.PhenotypeCluster[i]);
                phenotypes.Add(chunk.Phenotype[i]);
            }
        }
        var ceiling = SupervisedCeiling.CrossValidated(points, labels, folds: 5, seed: 1);
        return new Result(AdjustedRandIndex.Compute(clusters, labels), AdjustedRandIndex.Compute(phenotypes, labels), ceiling.Ari, ceiling.Accuracy, points.Count);
    }
}
