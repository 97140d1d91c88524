using System.Globalization;
using Cohort.Domain.Phenotypes;
using Cohort.Phenotyping.Features;

namespace Cohort.Phenotyping.Labelling;

/// <summary>
/// Labels a cluster from its centroid's tissue scores, by three rules applied in order:
/// <list type="number">
/// <item>no tissue score reaches <see cref="Raised"/> (0.35 SD above the cohort) → no raised tissue score: no tissue's
/// resistance markers are raised relative to the training cohort (which does not make its members insulin sensitive);</item>
/// <item>the highest score leads the second by at least <see cref="Lead"/> (0.20 SD) → that tissue is dominant (hepatic-, muscle- or
/// adipose-dominant);</item>
/// <item>otherwise two or more tissues are raised to a similar degree → mixed.</item>
/// </list>
/// The thresholds are conventions of this platform, not published constants: a cluster mean over hundreds of participants estimates
/// a tissue score to a few hundredths of an SD, so a 0.20 SD lead is a real difference in pattern, while the surrogates' shared
/// insulin term raises every tissue's score together (a hepatic cluster's Matsuda-driven muscle score, for one). The rationale states
/// the numbers so that a reader can disagree with them.
/// </summary>
public static class PhenotypeLabeller
{
    public const double Raised = 0.35, Lead = 0.20;

    /// <summary>
    /// The label of cluster <paramref name="index"/> (0-based, by size) of a model whose features do not all map to a tissue: a number,
    /// with the centroid's profile (its features from the most raised to the most lowered, in oriented SD units) as the rationale.
    /// </summary>
    public static ClusterLabel Numbered(int index, ReadOnlySpan<float> centroid, IReadOnlyList<PhenotypeFeature> features)
    {
        string F(double x) => x.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);
        var values = centroid.ToArray();
        var profile = string.Join(", ", Enumerable.Range(0, features.Count).Where(j => !float.IsNaN(values[j]))
            .OrderByDescending(j => values[j]).Select(j => $"{features[j].Metric} {F(values[j])}"));
        return new ClusterLabel(Phenotype.Cluster1 + index, TissueScores.Of(centroid, features),
            $"cluster {index + 1}, numbered by size: its features do not all map to a tissue, so it is not named. Profile (SD from the cohort): {profile}");
    }

    public static ClusterLabel Label(TissueScores s)
    {
        var ranked = FeatureCatalogue.Tissues.Select(t => (Tissue: t, Score: s[t])).Where(x => !double.IsNaN(x.Score))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Tissue).ToArray();
        string F(double x) => x.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);
        var scores = string.Join(", ", FeatureCatalogue.Tissues.Select(t => $"{t.Code()} {F(s[t])}"));
        if (ranked.Length == 0 || ranked[0].Score < Raised)
            return new ClusterLabel(Phenotype.NoRaisedTissueScore, s,
                $"no tissue score reaches {F(Raised)} SD ({scores}): no tissue's resistance markers are raised relative to the cohort");
        var lead = ranked.Length > 1 ? ranked[0].Score - ranked[1].Score : double.PositiveInfinity;
        if (lead >= Lead)
        {
            var phenotype = ranked[0].Tissue switch
            {
                Tissue.Hepatic => Phenotype.HepaticDominant,
                Tissue.Muscle => Phenotype.MuscleDominant,
                _ => Phenotype.AdiposeDominant,
            };
            var next = ranked.Length > 1
                ? $"leads the next ({ranked[1].Tissue.Code()} {F(ranked[1].Score)}) by {lead.ToString("0.00", CultureInfo.InvariantCulture)} ≥ {Lead.ToString("0.00", CultureInfo.InvariantCulture)} SD"
                : "is the only tissue scored";
            return new ClusterLabel(phenotype, s, $"the {ranked[0].Tissue.Code()} score {F(ranked[0].Score)} {next} ({scores})");
        }
        return new ClusterLabel(Phenotype.Mixed, s,
            $"{ranked[0].Tissue.Code()} ({F(ranked[0].Score)}) and {ranked[1].Tissue.Code()} ({F(ranked[1].Score)}) are both raised and within " +
            $"{Lead.ToString("0.00", CultureInfo.InvariantCulture)} SD of each other ({scores})");
    }
}
