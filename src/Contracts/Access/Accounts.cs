
namespace Cohort.Contracts.Access;

/// <summary>Who a credential belongs to and what they may do.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Access.Principal")]
public sealed record Principal(
    [property: Id(0)] string Name,
    [property: Id(1)] Role[] Roles,
    [property: Id(2)] bool MustChangePassword);

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

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Access.ApiKeyView")]
public sealed record ApiKeyView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Label,
    [property: Id(2)] DateTimeOffset Created);

public enum SignInStatus
{
    Ok = 0,
    Invalid = 1,
    Throttled = 2,
    MustChangePassword = 3,
    Refused = 4,
}

/// <summary>
/// The answer to a sign-in: a session token ("cs_…") on success; otherwise the reason, never saying whether the account exists;
/// <see cref="RetryAfterSeconds"/> when throttled.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Access.SignInResult")]
public sealed record SignInResult(
    [property: Id(0)] SignInStatus Status,
    [property: Id(1)] string? Token,
    [property: Id(2)] Principal? Principal,
    [property: Id(3)] DateTimeOffset? Expires,
    [property: Id(4)] int RetryAfterSeconds,
    [property: Id(5)] string Message);

/// <summary>A new account: its one-time password, shown once.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Access.NewAccount")]
public sealed record NewAccount(
    [property: Id(0)] AccountView Account,
    [property: Id(1)] string OneTimePassword);
