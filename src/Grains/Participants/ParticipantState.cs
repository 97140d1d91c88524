using Cohort.Contracts.Participants;

namespace Cohort.Grains.Participants;

/// <summary>What a participant grain persists: demographics, the factors its canonical values were converted with, and the series.</summary>
[GenerateSerializer]
public sealed class ParticipantState
{
    [Id(0)] public Demographics? Demographics { get; set; }
    [Id(1)] public FactorsUsed? Factors { get; set; }
    [Id(2)] public ObservationColumns Observations { get; set; } = new();
}
