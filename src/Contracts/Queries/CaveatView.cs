namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CaveatView")]
public sealed record CaveatView([property: Id(0)] string Id, [property: Id(1)] string Title, [property: Id(2)] string Text, [property: Id(3)] string Source);
