using Cohort.Phenotyping.Mixtures;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// The Gaussian-mixture phase of a fit: on the selection sample, every family asked for (all six by default) at every candidate k,
/// and one full-covariance Gaussian (k = 1, the no-cluster baseline), is fitted by EM from the best k-means partition, and the family and k chosen by
/// <see cref="MixtureSelection"/>; the chosen mixture is then refined by EM on the final sample, starting from its sample fit, for at
/// most <see cref="RefinementIterations"/> iterations.
/// </summary>
internal static class MixturePhase
{
    /// <summary>
    /// The refinement on the final sample starts from a fit that has converged on the selection sample, so its first iterations move the
    /// parameters to the larger sample; after that EM creeps along flat directions of the likelihood (59 iterations to meet the 10⁻⁵
    /// tolerance at 1M with VVV, k = 8), moving little, at n·k·d² per iteration. The model records whether it converged.
    /// </summary>
    public const int RefinementIterations = 30;

    public static PhaseFit Fit(float[][] sample, float[][] final, PhenotypeTrainingOptions options, PhaseTiming timing)
    {
        var x = MixtureStarts.ToDouble(sample);
        var ks = options.K is { } fixedK ? [fixedK] : Enumerable.Range(options.KMin, options.KMax - options.KMin + 1).ToArray();
        var starts = new[] { 1 }.Concat(ks).ToDictionary(k => k, k => k == 1 ? MixtureStarts.Partitions(sample, 1, options.Seed, 1)
            : [Clustering.KMeansFit.FitBest(sample, k, options.Seed, options.Starts).Assignments]);
        // k = 1 is the no-cluster baseline: one Gaussian with a full covariance (every family is the same model or a special case of it).
        var cells = new[] { (K: 1, Model: CovarianceModel.EEE) }.Concat(ks.SelectMany(k => options.Families.Select(m => (K: k, Model: m)))).ToArray();
        var fits = new MixtureResult?[cells.Length];
        var step = $"choosing the covariance family and k: {cells.Length} Gaussian mixtures on {sample.Length:N0} sampled participants";
        var done = 0;
        options.Report(step, 0, cells.Length);
        // Cells are independent fits: one per thread keeps both cores busy through the M-steps, which an E-step's parallel blocks do not.
        Parallel.For(0, cells.Length, c =>
        {
            fits[c] = MixtureStarts.Best(x, cells[c].K, cells[c].Model, starts[cells[c].K], maxIterations: 200);
            options.Report(step, Interlocked.Increment(ref done), cells.Length);
        });
        var candidates = cells.Select((c, i) => fits[i] is { } f ? MixtureCandidate.Of(f) : MixtureCandidate.Failed(c.Model, c.K)).ToArray();
        var (chosen, reason) = MixtureSelection.Choose(candidates);
        if (options.K is not null) reason = $"k = {options.K} fixed by the request; among the families, {reason}";
        var oneComponent = candidates.Where(c => c.K == 1 && c.Fitted).Max(c => (double?)c.Bic);
        var sampleFit = fits[Array.FindIndex(cells, c => c.K == chosen.K && c.Model == chosen.Model)]!;
        timing.Lap("family and k selection");
        options.Report($"refining the chosen mixture ({chosen.Model}, k = {chosen.K}) on {final.Length:N0} participants");

        var refined = final.Length == sample.Length ? sampleFit : MixtureFit.Run(MixtureStarts.ToDouble(final), sampleFit.Mixture, maxIterations: RefinementIterations) ?? sampleFit;
        var mixture = refined.Mixture;
        var finalAssignments = refined.N == final.Length ? refined.Map() : sampleFit.Map();
        timing.Lap($"final fit ({refined.Iterations} EM iterations on {refined.N:N0}{(refined.Converged ? "" : ", stopped before the tolerance")})");
        var centroids = mixture.Means.Select(m => m.Select(v => (float)v).ToArray()).ToArray();
        return new PhaseFit(centroids, mixture, finalAssignments, [], candidates, reason, Refit(mixture),
            oneComponent is { } one ? chosen.Bic - one : null);
    }

    /// <summary>
    /// The chosen family and k refitted on a bootstrap resample: EM on the resample started from the final mixture, at most 10
    /// iterations. Hennig's clusterboot refits from scratch; a warm start measures how far the clusters move when the data are resampled
    /// (which is what the Jaccard reports) at a tenth of the cost, but cannot discover a different solution — the selection table, fitted
    /// from k-means starts, is where other solutions would show.
    /// </summary>
    private static Validation.Refit Refit(GaussianMixture fitted) =>
        (points, counts, _) => (MixtureFit.Run(MixtureStarts.ToDouble(points), fitted, maxIterations: 10, weights: counts)?.Map()) ?? new int[points.Count];
}
