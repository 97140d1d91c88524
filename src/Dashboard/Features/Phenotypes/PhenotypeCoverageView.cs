namespace Cohort.Dashboard.Features.Phenotypes;

public sealed record PhenotypeCoverageView(long? Clustered, long? Reduced, long? Unclassifiable, long? NoFeatureVisit);
