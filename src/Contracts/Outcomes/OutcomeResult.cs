using Cohort.Contracts.Queries;

namespace Cohort.Contracts.Outcomes;

/// <summary>
/// The incidence of one event by stratum (phenotype by default) from each participant's baseline visit to the event, death or last
/// contact: rates, cumulative incidence curves and adjusted rate ratios, with who was left out and why, and the model in words.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Outcomes.OutcomeResult")]
public sealed record OutcomeResult
{
    [Id(0)] public required string Event { get; init; }
    [Id(1)] public required string EventName { get; init; }
    [Id(2)] public required string StrataBy { get; init; }
    [Id(3)] public required IReadOnlyList<OutcomeRow> Rows { get; init; }
    /// <summary>The Poisson model behind the rate ratios, in words, or why it could not be fitted.</summary>
    [Id(4)] public required string Model { get; init; }
    /// <summary>Participants whose event was recorded on or before their baseline visit (prevalent, not at risk), as released.</summary>
    [Id(5)] public required long? Prevalent { get; init; }
    [Id(6)] public required long? WithoutBaseline { get; init; }
    [Id(7)] public required string Disclosure { get; init; }
    [Id(8)] public required Provenance Provenance { get; init; }
    /// <summary>How follow-up is counted, in words.</summary>
    [Id(9)] public required string FollowUp { get; init; }
}
