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

    /// <summary>
    /// Whether the observations may give a natural key more than once: a participant's rows from several row groups or files of the run,
    /// sent at once. The first of them stands, and each later one is a repeat, as when they come in separate writes; a batch without
    /// it holds each key once (one row group's, which the validator checked).
    /// </summary>
    [Id(5)] public bool MayRepeat { get; init; }
}
