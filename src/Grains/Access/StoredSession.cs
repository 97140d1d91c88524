namespace Cohort.Grains.Access;

[GenerateSerializer]
[Alias("Cohort.Grains.Access.StoredSession")]
public sealed record StoredSession([property: Id(0)] string Id, [property: Id(1)] string Account, [property: Id(2)] string SaltedHash, [property: Id(3)] DateTimeOffset Expires);
