using Cohort.Contracts.Access;

namespace Cohort.Grains.Access;

[GenerateSerializer]
[Alias("Cohort.Grains.Access.AccountState")]
public sealed class AccountState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public Role[] Roles { get; set; } = [];
    [Id(2)] public string PasswordHash { get; set; } = "";
    [Id(3)] public bool MustChangePassword { get; set; }
    [Id(4)] public bool Disabled { get; set; }
    [Id(5)] public DateTimeOffset Created { get; set; }
    [Id(6)] public DateTimeOffset? LastSignIn { get; set; }
    [Id(7)] public List<StoredKey> Keys { get; set; } = [];
}
