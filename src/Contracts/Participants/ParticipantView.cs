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

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.IndexView")]
public sealed record IndexView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] double? Value,
    [property: Id(3)] string Unit,
    [property: Id(4)] string Variant,
    [property: Id(5)] string? UndefinedReason);

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

/// <summary>A participant's full series and per-visit derived values, with units and the factors used.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.ParticipantView")]
public sealed record ParticipantView(
    [property: Id(0)] string Id,
    [property: Id(1)] Demographics? Demographics,
    [property: Id(2)] FactorsUsed? Factors,
    [property: Id(3)] IReadOnlyList<ObservationView> Observations,
    [property: Id(4)] IReadOnlyList<VisitView> Visits);
