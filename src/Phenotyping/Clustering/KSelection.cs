using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Clustering;

/// <summary>
/// Chooses k by a stated rule: the largest k in the range whose clusters are all stable (every cluster's bootstrap Jaccard ≥ 0.75)
/// and whose mean silhouette is at least 0.10 — the finest partition that replicates. Silhouette alone favours k = 2 (resistant
/// against sensitive) when tissue patterns lie on a continuum, as they do (docs/science.md#k-means-and-the-choice-of-k), so it is a floor against noise, not the
/// target; below 0.25 the reason says the structure is weak. When no k qualifies, the k whose least stable cluster is most stable is
/// taken and the reason says no stable solution was found.
/// </summary>
public static class KSelection
{
    public const double MinimumSilhouette = 0.10, WeakStructure = 0.25;

    public static (KCandidate Chosen, string Reason) Choose(IReadOnlyList<KCandidate> candidates)
    {
        if (candidates.Count == 0) throw new ArgumentException("no candidate k was evaluated");
        var qualifying = candidates.Where(c => c.AllStable && c.Silhouette >= MinimumSilhouette).OrderByDescending(c => c.K).ToArray();
        if (qualifying.Length > 0)
        {
            var k = qualifying[0];
            return (k, $"k = {k.K}: the largest k in {candidates.Min(c => c.K)}–{candidates.Max(c => c.K)} whose clusters are all stable " +
                $"(smallest bootstrap Jaccard {k.MinimumJaccard:0.00} ≥ {BootstrapJaccard.Stable:0.00}) with mean silhouette {k.Silhouette:0.00} ≥ {MinimumSilhouette:0.00}" +
                (k.Silhouette < WeakStructure ? $"; a silhouette below {WeakStructure:0.00} means the clusters are regions of a continuum, not separate groups" : ""));
        }
        var best = candidates.OrderByDescending(c => c.MinimumJaccard).ThenBy(c => c.K).First();
        return (best, $"k = {best.K}: no k in {candidates.Min(c => c.K)}–{candidates.Max(c => c.K)} gave only stable clusters with silhouette ≥ " +
            $"{MinimumSilhouette:0.00}; this k has the most stable least-stable cluster (Jaccard {best.MinimumJaccard:0.00}) — treat the phenotypes as weak patterns");
    }
}
