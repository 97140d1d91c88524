using Cohort.Contracts.Participants;

namespace Cohort.Grains.Participants;

/// <summary>
/// A participant as published before the open run that is changing them: what reads are served until that run commits, and what the
/// participant returns to when it is abandoned (<see cref="Existed"/> false: they were new in the run and are removed).
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Grains.Participants.ParticipantSnapshot")]
public sealed class ParticipantSnapshot
{
    [Id(0)] public Demographics? Demographics { get; set; }
    [Id(1)] public FactorsUsed? Factors { get; set; }
    [Id(2)] public ObservationColumns Observations { get; set; } = new();
    [Id(3)] public bool Existed { get; set; }
}
