
namespace Cohort.Contracts.Access;

/// <summary>An account as listed to admins (never its password or key hashes).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Access.AccountView")]
public sealed record AccountView(
    [property: Id(0)] string Name,
    [property: Id(1)] Role[] Roles,
    [property: Id(2)] bool Disabled,
    [property: Id(3)] bool MustChangePassword,
    [property: Id(4)] DateTimeOffset Created,
    [property: Id(5)] DateTimeOffset? LastSignIn,
    [property: Id(6)] ApiKeyView[] Keys);
