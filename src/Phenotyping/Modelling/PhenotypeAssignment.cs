using Cohort.Domain.Phenotypes;
using Cohort.Phenotyping.Features;

namespace Cohort.Phenotyping.Modelling;

/// <summary>One participant's place in a model: coverage, cluster (−1 when not assigned), label, distance and margin to the runner-up.</summary>
public readonly record struct PhenotypeAssignment(FeatureCoverage Coverage, int Cluster, Phenotype Phenotype, float Distance, float Margin)
{
    public static PhenotypeAssignment None(FeatureCoverage coverage) => new(coverage, -1, Phenotype.Unclassified, float.NaN, float.NaN);
}
