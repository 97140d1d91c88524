namespace Cohort.Grains.Access;

[GenerateSerializer]
[Alias("Cohort.Grains.Access.UserDirectoryState")]
public sealed class UserDirectoryState
{
    [Id(0)] public Dictionary<string, AccountState> Accounts { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, StoredSession> Sessions { get; set; } = new(StringComparer.Ordinal);
}
