namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.LocalCutoffView")]
public sealed record LocalCutoffView(
    [property: Id(0)] string Group,
    [property: Id(1)] long? N,
    [property: Id(2)] double Percentile,
    [property: Id(3)] double? Value,
    [property: Id(4)] double? Lower,
    [property: Id(5)] double? Upper,
    [property: Id(6)] string? UndefinedReason);
