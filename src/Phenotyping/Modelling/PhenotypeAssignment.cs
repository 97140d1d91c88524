using Cohort.Domain.Phenotypes;
using Cohort.Phenotyping.Features;

namespace Cohort.Phenotyping.Modelling;

/// <summary>
/// One participant's place in a model: coverage, cluster (−1 when not assigned), label, distance to its cluster's centre and the
/// margin between the nearest and second-nearest centres, and (mixtures only; NaN for k-means) the membership probability of its
/// cluster.
/// </summary>
public readonly record struct PhenotypeAssignment(FeatureCoverage Coverage, int Cluster, Phenotype Phenotype, float Distance, float Margin,
    float Probability = float.NaN)
{
    public static PhenotypeAssignment None(FeatureCoverage coverage) => new(coverage, -1, Phenotype.Unclassified, float.NaN, float.NaN);
}
