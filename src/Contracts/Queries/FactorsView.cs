
namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.FactorsView")]
public sealed record FactorsView([property: Id(0)] double Glucose, [property: Id(1)] double Insulin, [property: Id(2)] string RuleSet, [property: Id(3)] string PhaseCutoff);
