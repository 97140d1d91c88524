namespace Cohort.Contracts.Participants;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.IndexView")]
public sealed record IndexView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] double? Value,
    [property: Id(3)] string Unit,
    [property: Id(4)] string Variant,
    [property: Id(5)] string? UndefinedReason);
