namespace Cohort.Contracts.Outcomes;

/// <summary>
/// Person-time in one cell of a stratum × sex × age band at baseline × baseline glycaemic category: participants, events, person-years,
/// the sum of the participants' and the events' record keys (cell key method), and the longest follow-up in the cell (which scales the
/// noise on person-years).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Outcomes.FollowUpCell")]
public sealed record FollowUpCell(
    [property: Id(0)] string Stratum,
    [property: Id(1)] string Sex,
    [property: Id(2)] string AgeBand,
    [property: Id(3)] string Category,
    [property: Id(4)] long Participants,
    [property: Id(5)] long Events,
    [property: Id(6)] double PersonYears,
    [property: Id(7)] uint ParticipantKeys,
    [property: Id(8)] uint EventKeys,
    [property: Id(9)] double LongestYears = 0);
