using Cohort.Phenotyping.Modelling;

namespace Cohort.Phenotyping.Features;

/// <summary>
/// The missing-feature policy, stated once and applied the same way when fitting and when assigning:
/// <list type="number">
/// <item>A feature missing at more than <see cref="DropFeatureAbove"/> of the feature visits (NEFA, hence Adipo-IR, is often not
/// measured) leaves the model's feature set, with the share recorded; every tissue the features cover must keep at least
/// <see cref="MinimumPerTissue"/> features or the fit is refused.</item>
/// <item>A participant with every remaining feature is clustered: they fit the model and are assigned.</item>
/// <item>One missing at most <see cref="MaximumMissing"/> features, with at least <see cref="MinimumPerTissue"/> left in every tissue,
/// gets a reduced feature set: assigned to the nearest centroid over the features present, not used to fit.</item>
/// <item>Anyone else is unclassifiable. Nothing is imputed.</item>
/// </list>
/// </summary>
public sealed record MissingFeaturePolicy(double DropFeatureAbove = 0.20, int MinimumPerTissue = 2, int MaximumMissing = 2)
{
    public static MissingFeaturePolicy Default { get; } = new();

    public string Describe() =>
        $"features missing at more than {DropFeatureAbove:P0} of feature visits are left out of the model; participants with every model feature " +
        $"are clustered; those missing at most {MaximumMissing} with at least {MinimumPerTissue} per tissue left are assigned on the features " +
        "they have (reduced set) but never fit the model; everyone else is unclassifiable; nothing is imputed";

    /// <summary>The features kept, and for each dropped one why. Throws when a tissue would be left with too few features.</summary>
    public (IReadOnlyList<PhenotypeFeature> Kept, IReadOnlyList<string> Dropped) Select(IReadOnlyList<PhenotypeFeature> candidates,
        IReadOnlyList<double> missingShare)
    {
        var kept = new List<PhenotypeFeature>();
        var dropped = new List<string>();
        for (var j = 0; j < candidates.Count; j++)
        {
            if (missingShare[j] > DropFeatureAbove)
                dropped.Add($"{candidates[j].Metric}: missing at {missingShare[j]:P1} of feature visits (more than {DropFeatureAbove:P0})");
            else kept.Add(candidates[j]);
        }
        if (kept.Count < MinimumPerTissue)
            throw new PhenotypeFitException($"{kept.Count} usable feature(s) are left after dropping sparse ones ({string.Join("; ", dropped)}); at least {MinimumPerTissue} are needed");
        foreach (var t in FeatureCatalogue.Tissues.Where(t => candidates.Any(f => f.Tissue == t)))
        {
            var n = kept.Count(f => f.Tissue == t);
            if (n < MinimumPerTissue)
                throw new PhenotypeFitException($"the {t.Code()} tissue keeps {n} usable feature(s) after dropping sparse ones " +
                    $"({string.Join("; ", dropped)}); at least {MinimumPerTissue} are needed");
        }
        return (kept, dropped);
    }

    /// <summary>The coverage of one participant's (raw or scaled) feature row over the model's features; NaN marks a missing value.</summary>
    public FeatureCoverage Classify(ReadOnlySpan<float> row, IReadOnlyList<PhenotypeFeature> features)
    {
        Span<int> present = stackalloc int[4];
        Span<int> total = stackalloc int[4];
        var missing = 0;
        for (var j = 0; j < features.Count; j++)
        {
            var t = (int)features[j].Tissue;
            total[t]++;
            if (float.IsNaN(row[j])) missing++;
            else present[t]++;
        }
        if (missing == 0) return FeatureCoverage.Complete;
        if (missing > MaximumMissing) return FeatureCoverage.Unclassifiable;
        for (var t = 0; t < 3; t++)
            if (present[t] < Math.Min(MinimumPerTissue, total[t])) return FeatureCoverage.Unclassifiable;
        if (features.Count - missing < MinimumPerTissue) return FeatureCoverage.Unclassifiable;
        return FeatureCoverage.Reduced;
    }
}
