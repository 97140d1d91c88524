using Cohort.Contracts.Access;
namespace Cohort.Contracts.Participants;

/// <summary>
/// One person's data, keyed by participant id: read from what their cohort shard, the single writer of its participants' data, stored.
/// </summary>
[Alias("Cohort.Contracts.Participants.IParticipantGrain")]
public interface IParticipantGrain : IGrainWithStringKey
{
    /// <summary>
    /// Merges a batch idempotently by natural key (marker, taken_at, OGTT minute) through the participant's shard, as an ingest run does
    /// for many participants at once; acknowledged when durable.
    /// </summary>
    [Requires(Role.Engineer)]
    [Alias("Merge")]
    Task<MergeResult> Merge(ParticipantBatch batch);

    /// <summary>
    /// Whether anything is stored for this id: all a replay of quarantined rows needs to accept them. It reveals nothing else about
    /// the person (a read of their data needs <see cref="Get"/>, which is audited).
    /// </summary>
    [Requires(Role.Engineer)]
    [Alias("IsEnrolled")]
    Task<bool> IsEnrolled();

    /// <summary>The participant's series and per-visit indices, or null when nothing is stored for this id.</summary>
    [Requires(Role.Epidemiologist)]
    [Alias("Get")]
    Task<ParticipantView?> Get();
}
