using Cohort.Phenotyping.Features;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// How a model is fitted. <see cref="K"/> fixes k (the evidence is still computed for it); otherwise k is chosen in
/// <see cref="KMin"/>–<see cref="KMax"/> by <see cref="Clustering.KSelection"/>. k selection and validation run on a seeded sample of
/// <see cref="SelectionSample"/> training participants (silhouette on <see cref="SilhouetteSample"/> of them, Jaccard over
/// <see cref="Resamples"/> bootstrap resamples); the final centroids are fitted on every training participant.
/// </summary>
public sealed record PhenotypeTrainingOptions
{
    public int Seed { get; init; } = 1;
    public int? K { get; init; }
    public int KMin { get; init; } = 2;
    public int KMax { get; init; } = 8;
    public int SelectionSample { get; init; } = 4000;
    public int SilhouetteSample { get; init; } = 2000;
    public int Resamples { get; init; } = 20;
    /// <summary>Bootstrap resamples for the chosen model's stability (Hennig's clusterboot default, B = 100); the k candidates use <see cref="Resamples"/>.</summary>
    public int ValidationResamples { get; init; } = 100;
    /// <summary>k-means++ starts per fit (the best by within-cluster sum of squares is kept).</summary>
    public int Starts { get; init; } = 3;
    /// <summary>The final centroids are fitted on at most this many clustered participants (a seeded sample); all are then assigned.</summary>
    public int FinalSample { get; init; } = 40_000;
    public MissingFeaturePolicy Policy { get; init; } = MissingFeaturePolicy.Default;
    public IReadOnlyList<PhenotypeFeature> Candidates { get; init; } = FeatureCatalogue.Default;
    public TrainingPopulation Population { get; init; } = TrainingPopulation.OutsideDiabetes;
    /// <summary>k-means or a Gaussian mixture (family and k by BIC); see docs/science.md#choosing-a-method for the evidence behind the default.</summary>
    public ClusteringMethod Method { get; init; } = ClusteringMethod.KMeans;
    /// <summary>Fit women and men separately (as Ahlqvist et al. 2018 did), each with its own k; participants of unrecorded sex are not assigned.</summary>
    public bool BySex { get; init; }
    /// <summary>The covariance families a mixture fit tries (all six by default).</summary>
    public IReadOnlyList<Mixtures.CovarianceModel> Families { get; init; } = Mixtures.CovarianceModels.All;
    /// <summary>Told each step of the fit as it starts and as its units finish (called from worker threads); no effect on the model.</summary>
    public IProgress<FitStep>? Progress { get; init; }

    internal void Report(string step, int done = 0, int total = 1) => Progress?.Report(new FitStep(step, done, total));

    /// <summary>These options with each reported step named as part of a larger fit ("women: choosing k …").</summary>
    internal PhenotypeTrainingOptions Within(string part) =>
        Progress is { } outer ? this with { Progress = new Prefixed(outer, part) } : this;

    private sealed class Prefixed(IProgress<FitStep> outer, string part) : IProgress<FitStep>
    {
        public void Report(FitStep value) => outer.Report(value with { Name = $"{part}: {value.Name}" });
    }

    public void Validate()
    {
        if (K is < 2 or > 12) throw new PhenotypeFitException($"k must be between 2 and 12, not {K}");
        if (KMin < 2 || KMax > 12 || KMin > KMax) throw new PhenotypeFitException($"the k range {KMin}–{KMax} must lie within 2–12");
        if (SelectionSample < 200) throw new PhenotypeFitException("the selection sample must hold at least 200 participants");
        if (Resamples is < 2 or > 1000) throw new PhenotypeFitException("bootstrap resamples must be between 2 and 1000");
        if (ValidationResamples is < 2 or > 1000) throw new PhenotypeFitException("validation bootstrap resamples must be between 2 and 1000");
        if (Families.Count == 0) throw new PhenotypeFitException("give at least one covariance family");
        if (FinalSample < SelectionSample) throw new PhenotypeFitException("the final sample must be at least the selection sample");
    }
}
