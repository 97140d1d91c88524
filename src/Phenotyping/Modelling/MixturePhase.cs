using Cohort.Phenotyping.Mixtures;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// The Gaussian-mixture phase of a fit: on the selection sample, every family (<see cref="CovarianceModels.All"/>) at every candidate k
/// (and k = 1, the no-cluster baseline) is fitted by EM from the best k-means partition, and the family and k chosen by
/// <see cref="MixtureSelection"/>; the chosen mixture is then refined by EM on the final sample, starting from its sample fit.
/// </summary>
internal static class MixturePhase
{
    public static PhaseFit Fit(float[][] sample, float[][] final, PhenotypeTrainingOptions options, PhaseTiming timing)
    {
        var x = MixtureStarts.ToDouble(sample);
        var ks = options.K is { } fixedK ? [fixedK] : Enumerable.Range(options.KMin, options.KMax - options.KMin + 1).ToArray();
        var starts = new[] { 1 }.Concat(ks).ToDictionary(k => k, k => k == 1 ? MixtureStarts.Partitions(sample, 1, options.Seed, 1)
            : [Clustering.KMeansFit.FitBest(sample, k, options.Seed, options.Starts).Assignments]);
        var cells = starts.Keys.SelectMany(k => CovarianceModels.All.Select(m => (K: k, Model: m))).ToArray();
        var fits = new MixtureResult?[cells.Length];
        for (var c = 0; c < cells.Length; c++) fits[c] = MixtureStarts.Best(x, cells[c].K, cells[c].Model, starts[cells[c].K]);
        var candidates = cells.Select((c, i) => fits[i] is { } f ? MixtureCandidate.Of(f) : MixtureCandidate.Failed(c.Model, c.K)).ToArray();
        var (chosen, reason) = MixtureSelection.Choose(candidates);
        if (options.K is not null) reason = $"k = {options.K} fixed by the request; among the families, {reason}";
        var oneComponent = candidates.Where(c => c.K == 1 && c.Fitted).Max(c => (double?)c.Bic);
        var sampleFit = fits[Array.FindIndex(cells, c => c.K == chosen.K && c.Model == chosen.Model)]!;
        timing.Lap("family and k selection");

        var refined = final.Length == sample.Length ? sampleFit : MixtureFit.Run(MixtureStarts.ToDouble(final), sampleFit.Mixture) ?? sampleFit;
        var mixture = refined.Mixture;
        var finalAssignments = refined.N == final.Length ? refined.Map() : sampleFit.Map();
        timing.Lap("final fit");
        var centroids = mixture.Means.Select(m => m.Select(v => (float)v).ToArray()).ToArray();
        return new PhaseFit(centroids, mixture, finalAssignments, [], candidates, reason, Refit(chosen.K, chosen.Model, options),
            oneComponent is { } one ? chosen.Bic - one : null);
    }

    /// <summary>The chosen family and k refitted on a bootstrap resample (k-means partition, then EM), as Hennig's clusterboot refits.</summary>
    private static Func<IReadOnlyList<float[]>, int, int[]> Refit(int k, CovarianceModel model, PhenotypeTrainingOptions options) =>
        (points, seed) =>
        {
            var fit = MixtureStarts.Best(MixtureStarts.ToDouble(points), k, model, MixtureStarts.Partitions(points, k, seed, 1));
            return fit?.Map() ?? new int[points.Count];
        };
}
