namespace Cohort.Contracts.Participants;

/// <summary>A participant's full series and per-visit derived values, with units and the factors used.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.ParticipantView")]
public sealed record ParticipantView(
    [property: Id(0)] string Id,
    [property: Id(1)] Demographics? Demographics,
    [property: Id(2)] FactorsUsed? Factors,
    [property: Id(3)] IReadOnlyList<ObservationView> Observations,
    [property: Id(4)] IReadOnlyList<VisitView> Visits);
