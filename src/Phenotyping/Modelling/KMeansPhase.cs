using Cohort.Phenotyping.Clustering;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// The k-means phase of a fit: each candidate k clustered on the selection sample and judged by silhouette and bootstrap Jaccard
/// (<see cref="KSelection"/>), then the chosen k's centroids fitted on the final sample (beyond 40,000 points they move by hundredths of
/// an SD). ML.NET k-means, best of <see cref="PhenotypeTrainingOptions.Starts"/> k-means++ starts; bootstrap resamples are re-clustered
/// with <see cref="LloydKMeans"/>.
/// </summary>
internal static class KMeansPhase
{
    public static PhaseFit Fit(float[][] sample, float[][] final, PhenotypeTrainingOptions options, PhaseTiming timing)
    {
        var ks = options.K is { } fixedK ? [fixedK] : Enumerable.Range(options.KMin, options.KMax - options.KMin + 1).ToArray();
        var evidence = new KCandidate[ks.Length];
        var step = $"choosing k: k-means at k = {ks[0]}{(ks.Length > 1 ? $"–{ks[^1]}" : "")} on {sample.Length:N0} sampled participants, each with {options.Resamples} bootstrap resamples";
        var done = 0;
        options.Report(step, 0, ks.Length);
        Parallel.For(0, ks.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, n =>
        {
            var k = ks[n];
            var fit = KMeansFit.FitBest(sample, k, options.Seed, options.Starts);
            evidence[n] = PhenotypeTrainer.Evaluate(sample, fit.Assignments, k, options, options.Resamples, Refit(k, options));
            options.Report(step, Interlocked.Increment(ref done), ks.Length);
        });
        var (chosen, reason) = options.K is null ? KSelection.Choose(evidence)
            : (evidence[0], $"k = {evidence[0].K} fixed by the request (smallest bootstrap Jaccard {evidence[0].MinimumJaccard:0.00}, silhouette {evidence[0].Silhouette:0.00})");
        timing.Lap("k selection");
        options.Report($"fitting the final centroids (k = {chosen.K}) on {final.Length:N0} participants");
        var fitted = KMeansFit.FitBest(final, chosen.K, options.Seed, options.Starts);
        timing.Lap("final fit");
        return new PhaseFit(fitted.Centroids, null, fitted.Assignments, evidence, [], reason, Refit(chosen.K, options), null);
    }

    /// <summary>A bootstrap resample re-clustered with the same k: Lloyd's k-means, best of the fit's number of starts.</summary>
    private static Validation.Refit Refit(int k, PhenotypeTrainingOptions options) =>
        (points, counts, seed) => LloydKMeans.Fit(points, k, seed, options.Starts, counts).Assignments;
}
