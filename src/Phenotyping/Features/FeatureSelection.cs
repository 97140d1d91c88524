using Cohort.Phenotyping.Modelling;

namespace Cohort.Phenotyping.Features;

/// <summary>
/// A fit's features from codes a study chose (<c>--features glucose,insulin,sspg --log sspg</c>): any metric (Cohort's markers and
/// indices, the study's markers) or <see cref="Age"/>. A feature Cohort's tissue set knows keeps its tissue and orientation; any other
/// maps to no tissue (so the model numbers its clusters) and counts higher as "more". A feature is log-transformed when <c>--log</c>
/// names it or, when <c>--log</c> is not given, when Cohort's tissue set logs it or the metric is skewed.
/// </summary>
public static class FeatureSelection
{
    /// <summary>The participant's age in years at the feature visit (not a metric: from birth year and visit date).</summary>
    public const string Age = "age";

    /// <param name="metric">The metric of a code (its canonical code, name and whether it is skewed), or null when there is none.</param>
    public static IReadOnlyList<PhenotypeFeature> FromCodes(IReadOnlyList<string> codes, IReadOnlyCollection<string>? log,
        Func<string, (string Code, string Name, bool Skewed)?> metric)
    {
        var problems = new List<string>();
        var features = new List<PhenotypeFeature>();
        foreach (var raw in codes.Select(c => c.Trim()).Where(c => c.Length > 0))
        {
            var isAge = string.Equals(raw, Age, StringComparison.OrdinalIgnoreCase);
            var m = isAge ? (Age, "age at the feature visit", false) : metric(raw);
            if (m is not { } found) { problems.Add($"'{raw}' is not a marker, index or 'age'"); continue; }
            if (features.Any(f => f.Metric == found.Code)) { problems.Add($"'{raw}' is named twice"); continue; }
            var known = FeatureCatalogue.Default.FirstOrDefault(f => f.Metric == found.Code);
            var logged = log is null ? known?.Log ?? found.Skewed : log.Contains(found.Code, StringComparer.OrdinalIgnoreCase);
            features.Add(known is not null
                ? known with { Log = logged }
                : new PhenotypeFeature(found.Code, Tissue.None, logged, +1, $"chosen by the study: {found.Name}"));
        }
        foreach (var l in log ?? [])
            if (!features.Any(f => string.Equals(f.Metric, l, StringComparison.OrdinalIgnoreCase) || (metric(l) is { } m && m.Code == f.Metric)))
                problems.Add($"--log names '{l}', which is not among the features");
        if (problems.Count == 0 && features.Count < 2) problems.Add("a fit needs at least two features");
        if (problems.Count > 0) throw new PhenotypeFitException($"features: {string.Join("; ", problems)}");
        return features;
    }
}
