namespace Cohort.Contracts.Participants;

/// <summary>One ingest run's validated observations for one participant.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.ParticipantBatch")]
public sealed record ParticipantBatch(
    [property: Id(0)] string RunId,
    [property: Id(1)] FactorsUsed Factors,
    [property: Id(2)] Demographics? Demographics,
    [property: Id(3)] ObservationColumns Observations)
{
    /// <summary>The version of the study's markers the run validated with (0: Cohort's own markers only).</summary>
    [Id(4)] public int MarkersVersion { get; init; }
}
