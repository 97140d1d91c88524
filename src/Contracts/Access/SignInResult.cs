
namespace Cohort.Contracts.Access;

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
