namespace Cohort.Grains.Access;

[GenerateSerializer]
[Alias("Cohort.Grains.Access.StoredKey")]
public sealed record StoredKey([property: Id(0)] string Id, [property: Id(1)] string Label, [property: Id(2)] string SaltedHash, [property: Id(3)] DateTimeOffset Created);
