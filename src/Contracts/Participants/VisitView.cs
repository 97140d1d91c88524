namespace Cohort.Contracts.Participants;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.VisitView")]
public sealed record VisitView
{
    [Id(0)] public required DateOnly Date { get; init; }
    [Id(1)] public required string GlycaemicCategory { get; init; }
    [Id(2)] public required string GlycaemicLabel { get; init; }
    [Id(3)] public required string Phase { get; init; }
    [Id(4)] public required IReadOnlyList<IndexView> Indices { get; init; }
    [Id(5)] public required string RuleSet { get; init; }
    [Id(6)] public required string PhaseCutoff { get; init; }
    [Id(7)] public IReadOnlyList<string>? Flags { get; init; }
    [Id(8)] public IReadOnlyList<string>? Notes { get; init; }
    [Id(9)] public DateOnly? LastDate { get; init; }
}
