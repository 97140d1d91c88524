namespace Cohort.Contracts.Participants;

/// <summary>That a participant is stored, with the demographics their participants file gave (null when it gave none).</summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Participants.Enrolment")]
public sealed record Enrolment([property: Id(0)] Demographics? Demographics);
