namespace Cohort.Contracts.Outcomes;

/// <summary>An event row a shard cannot take: its index in the <see cref="EventRows"/> sent, a stable reason code and a message.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Outcomes.EventRejection")]
public sealed record EventRejection(
    [property: Id(0)] int Row,
    [property: Id(1)] string Reason,
    [property: Id(2)] string Message);
