namespace Cohort.Contracts.Phenotypes;

/// <summary>Who a model could place, as released (small counts null): clustered, on a reduced feature set, unclassifiable, without a feature visit.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeCoverageView")]
public sealed record PhenotypeCoverageView(
    [property: Id(0)] long? Clustered,
    [property: Id(1)] long? Reduced,
    [property: Id(2)] long? Unclassifiable,
    [property: Id(3)] long? NoFeatureVisit);
