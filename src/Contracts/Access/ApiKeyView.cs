
namespace Cohort.Contracts.Access;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Access.ApiKeyView")]
public sealed record ApiKeyView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Label,
    [property: Id(2)] DateTimeOffset Created);
