namespace Cohort.Contracts.Outcomes;

/// <summary>Outcome events for one shard's participants, as columns: who, which event (code), on which day (DateOnly day number).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Outcomes.EventRows")]
public sealed record EventRows(
    [property: Id(0)] string[] ParticipantId,
    [property: Id(1)] string[] Event,
    [property: Id(2)] int[] Day)
{
    public int Count => ParticipantId.Length;
}
