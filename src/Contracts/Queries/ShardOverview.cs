
namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ShardOverview")]
public sealed record ShardOverview(
    [property: Id(0)] long Participants,
    [property: Id(1)] long Visits,
    [property: Id(2)] long Observations,
    [property: Id(3)] long[] ObservationsByMarker,
    [property: Id(4)] long[] ParticipantsByCategory,
    [property: Id(5)] long[] ParticipantsByPhase,
    [property: Id(6)] long[]? ParticipantsByBaselineFlag = null)
{
    /// <summary>Cell key sums (mod 2³²) of the participants counted in each category, phase and flag (never released).</summary>
    [Id(7)] public uint[]? CategoryKeys { get; init; }
    [Id(8)] public uint[]? PhaseKeys { get; init; }
    [Id(9)] public uint[]? FlagKeys { get; init; }
}
