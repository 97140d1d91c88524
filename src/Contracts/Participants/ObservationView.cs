namespace Cohort.Contracts.Participants;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.ObservationView")]
public sealed record ObservationView
{
    [Id(0)] public required string Marker { get; init; }
    [Id(1)] public required DateTime TakenAt { get; init; }
    [Id(2)] public required int? OgttMinute { get; init; }
    [Id(3)] public required double Value { get; init; }
    [Id(4)] public required string Unit { get; init; }
    [Id(5)] public required double RawValue { get; init; }
    [Id(6)] public required string RawUnit { get; init; }
    [Id(7)] public required bool? Fasting { get; init; }
    [Id(8)] public required bool Implausible { get; init; }
    [Id(9)] public required string Run { get; init; }
}
