using Orleans.Concurrency;

namespace Cohort.Contracts.Access;

/// <summary>
/// The accounts (key 0): salted password hashes, API keys and sessions as salted hashes, failed sign-ins throttled per account and per
/// address, every change and sign-in in the audit log. Credentials cross the call in clear text (as they would to any server).
/// </summary>
[Alias("Cohort.Contracts.Access.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// On a store without accounts, creates "admin" (every role): with <paramref name="password"/> when given (automated deployments),
    /// else with a generated one-time password, which is returned (to be printed once) and must be changed at first sign-in.
    /// </summary>
    [Requires(Role.Admin)]
    [Alias("EnsureInitialAdmin")]
    Task<string?> EnsureInitialAdmin(string? password);

    [Alias("SignIn")]
    Task<SignInResult> SignIn(string name, string password, string from);

    /// <summary>Replaces a password (the current one proves who asks) and signs in.</summary>
    [Alias("ChangePassword")]
    Task<SignInResult> ChangePassword(string name, string currentPassword, string newPassword, string from);

    /// <summary>The account behind a session token or API key, or null (unknown, expired, revoked or disabled).</summary>
    [AlwaysInterleave]
    [Alias("Authenticate")]
    Task<Principal?> Authenticate(string credential);

    [Alias("SignOut")]
    Task SignOut(string token);

    [Requires(Role.Admin)]
    [Alias("Add")]
    Task<NewAccount> Add(string name, Role[] roles);

    /// <summary>Disables an account (its sessions end, its keys are refused); the last enabled admin cannot be disabled.</summary>
    [Requires(Role.Admin)]
    [Alias("Disable")]
    Task<AccountView> Disable(string name);

    /// <summary>Enables a disabled account again (its keys work again; sessions ended by the disable stay ended).</summary>
    [Requires(Role.Admin)]
    [Alias("Enable")]
    Task<AccountView> Enable(string name);

    /// <summary>
    /// For someone who forgot their password: a new one-time password, returned once, that must be changed at the next sign-in; the
    /// account's sessions end and its sign-in throttle is cleared.
    /// </summary>
    [Requires(Role.Admin)]
    [Alias("ResetPassword")]
    Task<NewAccount> ResetPassword(string name);

    [Requires(Role.Admin)]
    [Alias("List")]
    Task<IReadOnlyList<AccountView>> List();

    /// <summary>A new API key ("ck_…") for the account, returned once. Admins issue keys for anyone; the dashboard lets people issue their own.</summary>
    [Requires(Role.Admin)]
    [Alias("IssueKey")]
    Task<string> IssueKey(string name, string label);
}
