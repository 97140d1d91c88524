namespace Cohort.Contracts.Participants;

/// <summary>
/// A row of a participant's batch whose natural key (marker, time, OGTT minute) the same run had already given that participant, from
/// an earlier row group or file: not taken. <paramref name="Row"/> is its place in the batch; <paramref name="Same"/> says whether it
/// repeats the value and unit taken (a duplicate) or gives another (a conflict), and <paramref name="KeptValue"/> and
/// <paramref name="KeptUnit"/> are what was taken, as written.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.RunRepeat")]
public sealed record RunRepeat([property: Id(0)] string ParticipantId, [property: Id(1)] int Row, [property: Id(2)] bool Same,
    [property: Id(3)] double KeptValue, [property: Id(4)] string KeptUnit);
