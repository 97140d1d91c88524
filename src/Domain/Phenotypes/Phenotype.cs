namespace Cohort.Domain.Phenotypes;

/// <summary>
/// The predominant pattern of insulin resistance: which tissue fails most (liver, muscle, adipose), several at once (mixed), or none
/// raised (no raised tissue score). A pattern with a distance to its centre, never a diagnosis. "No raised tissue score" says what
/// the rule found, scores below the raised level relative to this cohort, and not that the people are insulin sensitive: in a
/// cohort where most are resistant, its members may be resistant too. (Its code was "insulin-sensitive" before; that spelling is
/// still read.)
/// A model whose features do not all map to a tissue (a study's own features) numbers its clusters instead: <see cref="Cluster1"/> to
/// cluster 12, described by their centroid profiles.
/// </summary>
public enum Phenotype
{
    Unclassified, NoRaisedTissueScore, HepaticDominant, MuscleDominant, AdiposeDominant, Mixed,
    Cluster1, Cluster2, Cluster3, Cluster4, Cluster5, Cluster6, Cluster7, Cluster8, Cluster9, Cluster10, Cluster11, Cluster12,
}
