namespace Cohort.Contracts;

/// <summary>Whether the silo answering can read its grain-state store, which store it is, and how long a probe read took.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.StorageHealth")]
public sealed record StorageHealth(
    [property: Id(0)] string Store,
    [property: Id(1)] bool Ok,
    [property: Id(2)] double Milliseconds,
    [property: Id(3)] string? Error,
    [property: Id(4)] string Silo);
