using Cohort.Contracts.Queries;

namespace Cohort.Contracts.Phenotypes;

/// <summary>What `cohort phenotypes fit` and `POST /api/phenotypes/fit` ask for: the feature visit, a fixed k or a range, the seed.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeFitRequest")]
public sealed record PhenotypeFitRequest(
    [property: Id(0)] VisitChoice Visit,
    [property: Id(1)] int? K = null,
    [property: Id(2)] int Seed = 1,
    [property: Id(3)] int KMin = 2,
    [property: Id(4)] int KMax = 8);
