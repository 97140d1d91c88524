using Cohort.Domain.Phenotypes;

namespace Cohort.Phenotyping.Labelling;

/// <summary>A cluster's label, the tissue scores it was read from, and the rule that decided it in words.</summary>
public sealed record ClusterLabel(Phenotype Phenotype, TissueScores Scores, string Rationale);
