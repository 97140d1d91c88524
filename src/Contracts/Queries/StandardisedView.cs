namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StandardisedView")]
public sealed record StandardisedView(
    [property: Id(0)] string Standard,
    [property: Id(1)] double? Proportion,
    [property: Id(2)] double? Lower,
    [property: Id(3)] double? Upper,
    [property: Id(4)] string AgeRange,
    [property: Id(5)] string? UndefinedReason);
