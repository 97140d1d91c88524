namespace Cohort.Contracts.Participants;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.VisitView")]
public sealed record VisitView(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] string GlycaemicCategory,
    [property: Id(2)] string GlycaemicLabel,
    [property: Id(3)] string Phase,
    [property: Id(4)] IReadOnlyList<IndexView> Indices,
    [property: Id(5)] string RuleSet,
    [property: Id(6)] string PhaseCutoff,
    [property: Id(7)] IReadOnlyList<string>? Flags = null,
    [property: Id(8)] IReadOnlyList<string>? Notes = null,
    [property: Id(9)] DateOnly? LastDate = null);
