
namespace Cohort.Contracts.Access;

/// <summary>A new account: its one-time password, shown once.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Access.NewAccount")]
public sealed record NewAccount(
    [property: Id(0)] AccountView Account,
    [property: Id(1)] string OneTimePassword);
