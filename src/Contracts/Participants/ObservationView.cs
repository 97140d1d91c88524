namespace Cohort.Contracts.Participants;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.ObservationView")]
public sealed record ObservationView(
    [property: Id(0)] string Marker,
    [property: Id(1)] DateTime TakenAt,
    [property: Id(2)] int? OgttMinute,
    [property: Id(3)] double Value,
    [property: Id(4)] string Unit,
    [property: Id(5)] double RawValue,
    [property: Id(6)] string RawUnit,
    [property: Id(7)] bool? Fasting,
    [property: Id(8)] bool Implausible,
    [property: Id(9)] string Run);
