using System.Text.RegularExpressions;
using Cohort.Contracts.Access;
using Cohort.Contracts.Audit;
using Cohort.Domain.Access;
using Cohort.Grains.Storage;
using Cohort.Settings;

namespace Cohort.Grains.Access;

/// <summary>
/// The accounts, their credentials and sign-in sessions (12 h). Password checks (PBKDF2, ~0.1 s) run off the grain's thread; failed
/// sign-ins slow down each account-and-address pair with growing delays (<see cref="SignInDelay"/>: nobody can lock the owner out)
/// and refuse an address after 20 failures in 10 minutes, in memory. The address is what the silo can verify: the HTTP client's IP
/// as the dashboard saw it, or "the gateway" for a client of the Orleans gateway, whose self-reported host name is recorded as
/// claimed. Every sign-in, refusal and change is appended to the audit log.
/// </summary>
[GrainType("userdirectory")]
public sealed partial class UserDirectoryGrain(
    [PersistentState("users", StorageOptions.ProviderName)] IPersistentState<UserDirectoryState> state,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<AccessOptions> access) : Grain, IUserDirectoryGrain
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);
    private readonly SignInDelay _pairs = new(first: TimeSpan.FromSeconds(Math.Clamp(access.Value.SignInDelaySeconds, 0.1, 300)));
    private readonly LoginThrottle _addresses = new(20);

    private Dictionary<string, AccountState> Accounts => state.State.Accounts;

    public async Task<string?> EnsureInitialAdmin(string? password)
    {
        if (Accounts.Count > 0) return null;
        var oneTime = string.IsNullOrEmpty(password);
        var secret = oneTime ? PasswordHash.Generate() : password!;
        if (!oneTime && PasswordHash.Weakness(secret, "admin") is { } weak) throw new ArgumentException($"Cohort:Access:InitialAdminPassword: {weak}");
        Accounts["admin"] = new AccountState
        {
            Name = "admin", Roles = [.. Roles.All], PasswordHash = await Task.Run(() => PasswordHash.Of(secret)),
            MustChangePassword = oneTime, Created = clock.GetUtcNow(),
        };
        await state.WriteStateAsync();
        await Audit("user.add", "admin", "initial admin (all roles)" + (oneTime ? ", one-time password printed once" : ", password from configuration"));
        return oneTime ? secret : null;
    }

    public async Task<SignInResult> SignIn(string name, string password, string from)
    {
        from = AccessContext.VerifiedFrom(from);
        var (account, refusal) = await CheckPassword(name, password, from);
        if (refusal is not null) return refusal;
        if (account!.MustChangePassword)
        {
            await Audit("signin.password-change-required", name, "", from);
            return new SignInResult(SignInStatus.MustChangePassword, null, ToPrincipal(account), null, 0, "the password is a one-time password: choose a new one");
        }
        return await StartSession(account, from, "signin.ok");
    }

    public async Task<SignInResult> ChangePassword(string name, string currentPassword, string newPassword, string from)
    {
        from = AccessContext.VerifiedFrom(from);
        var (account, refusal) = await CheckPassword(name, currentPassword, from);
        if (refusal is not null) return refusal;
        if (PasswordHash.Weakness(newPassword, name) is { } weak) return new SignInResult(SignInStatus.Refused, null, null, null, 0, weak);
        if (newPassword == currentPassword) return new SignInResult(SignInStatus.Refused, null, null, null, 0, "the new password must differ from the current one");
        account!.PasswordHash = await Task.Run(() => PasswordHash.Of(newPassword));
        account.MustChangePassword = false;
        // Other sessions of the account end with the old password.
        foreach (var s in state.State.Sessions.Values.Where(s => s.Account == name).ToArray()) state.State.Sessions.Remove(s.Id);
        return await StartSession(account, from, "password.change");
    }

    public Task<Principal?> Authenticate(string credential)
    {
        var c = Credential.TryParse(credential);
        Principal? found = null;
        if (c?.Prefix == Credential.SessionPrefix)
        {
            if (state.State.Sessions.TryGetValue(c.Id, out var s) && s.Expires > clock.GetUtcNow() && c.Matches(s.SaltedHash)
                && Accounts.GetValueOrDefault(s.Account) is { Disabled: false } a)
                found = ToPrincipal(a);
        }
        else if (c?.Prefix == Credential.ApiKeyPrefix)
        {
            var owner = Accounts.Values.FirstOrDefault(a => a.Keys.Any(k => k.Id == c.Id));
            if (owner is { Disabled: false, MustChangePassword: false } && owner.Keys.First(k => k.Id == c.Id) is var key && c.Matches(key.SaltedHash))
                found = ToPrincipal(owner);
        }
        return Task.FromResult(found);
    }

    public async Task SignOut(string token)
    {
        if (Credential.TryParse(token) is { Prefix: Credential.SessionPrefix } c && state.State.Sessions.TryGetValue(c.Id, out var s) && c.Matches(s.SaltedHash))
        {
            state.State.Sessions.Remove(c.Id);
            await state.WriteStateAsync();
            await Audit("signout", s.Account, "");
        }
    }

    public async Task<NewAccount> Add(string name, Role[] roles)
    {
        if (!ValidName().IsMatch(name)) throw new ArgumentException($"name: '{Shorten(name)}' is not an account name (2–64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
        if (roles.Length == 0) throw new ArgumentException("roles: an account needs at least one role");
        if (Accounts.ContainsKey(name)) throw new ArgumentException($"name: an account '{name}' exists already");
        var password = PasswordHash.Generate();
        var account = new AccountState
        {
            Name = name, Roles = roles.Distinct().Order().ToArray(), PasswordHash = await Task.Run(() => PasswordHash.Of(password)),
            MustChangePassword = true, Created = clock.GetUtcNow(),
        };
        Accounts[name] = account;
        await state.WriteStateAsync();
        await Audit("user.add", name, "roles " + string.Join(",", account.Roles.Select(Roles.Name)));
        return new NewAccount(ToView(account), password);
    }

    public async Task<AccountView> Disable(string name)
    {
        var account = Accounts.GetValueOrDefault(name) ?? throw new ArgumentException($"name: no account '{Shorten(name)}'");
        if (!account.Disabled && account.Roles.Contains(Role.Admin) && Accounts.Values.Count(a => !a.Disabled && a.Roles.Contains(Role.Admin)) == 1)
            throw new ArgumentException($"name: '{name}' is the last enabled admin; add another admin first");
        account.Disabled = true;
        foreach (var s in state.State.Sessions.Values.Where(s => s.Account == name).ToArray()) state.State.Sessions.Remove(s.Id);
        await state.WriteStateAsync();
        await Audit("user.disable", name, "sessions ended, keys refused");
        return ToView(account);
    }

    public async Task<AccountView> Enable(string name)
    {
        var account = Accounts.GetValueOrDefault(name) ?? throw new ArgumentException($"name: no account '{Shorten(name)}'");
        if (!account.Disabled) return ToView(account);
        account.Disabled = false;
        await state.WriteStateAsync();
        await Audit("user.enable", name, "enabled again");
        return ToView(account);
    }

    public async Task<NewAccount> ResetPassword(string name)
    {
        var account = Accounts.GetValueOrDefault(name) ?? throw new ArgumentException($"name: no account '{Shorten(name)}'");
        var password = PasswordHash.Generate();
        account.PasswordHash = await Task.Run(() => PasswordHash.Of(password));
        account.MustChangePassword = true;
        foreach (var s in state.State.Sessions.Values.Where(s => s.Account == name).ToArray()) state.State.Sessions.Remove(s.Id);
        await state.WriteStateAsync();
        _pairs.Forget(name);
        await Audit("user.reset", name, "one-time password issued, sessions ended");
        return new NewAccount(ToView(account), password);
    }

    public Task<IReadOnlyList<AccountView>> List() =>
        Task.FromResult<IReadOnlyList<AccountView>>(Accounts.Values.OrderBy(a => a.Name, StringComparer.Ordinal).Select(ToView).ToArray());

    public async Task<string> IssueKey(string name, string label)
    {
        var account = Accounts.GetValueOrDefault(name) ?? throw new ArgumentException($"name: no account '{Shorten(name)}'");
        if (account.Disabled) throw new ArgumentException($"name: account '{name}' is disabled");
        if (account.MustChangePassword) throw new ArgumentException($"name: '{name}' must change the one-time password before using keys");
        var key = Credential.New(Credential.ApiKeyPrefix);
        var cleanLabel = string.IsNullOrWhiteSpace(label) ? "api key" : Shorten(label.Trim());
        account.Keys.Add(new StoredKey(key.Id, cleanLabel, key.SaltedHash(), clock.GetUtcNow()));
        await state.WriteStateAsync();
        await Audit("key.issue", name, $"key {key.Id} ({cleanLabel})");
        return key.ToString();
    }

    /// <summary>
    /// The account when the password is right; otherwise the refusal (throttled, or wrong name or password, counted against the account and
    /// the address). The hash is computed even for unknown accounts, so that timing does not tell which names exist.
    /// </summary>
    private async Task<(AccountState? Account, SignInResult? Refusal)> CheckPassword(string name, string password, string from)
    {
        var now = clock.GetUtcNow();
        if (Throttled(name, from, now) is { } wait) return (null, await Refusal(SignInStatus.Throttled, name, from, wait));
        var account = Accounts.GetValueOrDefault(name);
        var matches = await Task.Run(() => PasswordHash.Matches(account?.PasswordHash ?? DummyHash, password));
        if (account is not null && matches && !account.Disabled)
        {
            _pairs.Succeeded(SignInDelay.Key(name, ThrottleAddress(from)));
            return (account, null);
        }
        _pairs.Failed(SignInDelay.Key(name, ThrottleAddress(from)), now);
        _addresses.Failed("from:" + ThrottleAddress(from), now);
        return (null, await Refusal(SignInStatus.Invalid, name, from, null));
    }

    /// <summary>
    /// The address a sign-in is throttled by: a gateway client's own "from" is only a claim (a renamed host would get a fresh budget),
    /// so all gateway clients share one address, "the gateway" (the claim itself is recorded as such by AccessContext.VerifiedFrom).
    /// </summary>
    private static string ThrottleAddress(string from) => from.StartsWith(AccessContext.GatewayOrigin, StringComparison.Ordinal) ? AccessContext.GatewayOrigin : from;

    private TimeSpan? Throttled(string name, string from, DateTimeOffset now)
    {
        var a = _pairs.RetryAfter(SignInDelay.Key(name, ThrottleAddress(from)), now);
        var b = _addresses.RetryAfter("from:" + ThrottleAddress(from), now);
        return a is null ? b : b is null ? a : a > b ? a : b;
    }

    private async Task<SignInResult> Refusal(SignInStatus status, string name, string from, TimeSpan? wait)
    {
        var throttled = status == SignInStatus.Throttled;
        await Audit(throttled ? "signin.throttled" : "signin.failed", Shorten(name), throttled ? $"retry after {Math.Ceiling(wait!.Value.TotalSeconds)} s" : "wrong name or password", from);
        return throttled
            ? new SignInResult(status, null, null, null, (int)Math.Ceiling(wait!.Value.TotalSeconds), "too many failed sign-ins: try again later")
            : new SignInResult(status, null, null, null, 0, "wrong name or password");
    }

    private async Task<SignInResult> StartSession(AccountState account, string from, string action)
    {
        var now = clock.GetUtcNow();
        var token = Credential.New(Credential.SessionPrefix);
        foreach (var s in state.State.Sessions.Values.Where(s => s.Expires <= now).ToArray()) state.State.Sessions.Remove(s.Id);
        state.State.Sessions[token.Id] = new StoredSession(token.Id, account.Name, token.SaltedHash(), now + SessionLifetime);
        account.LastSignIn = now;
        await state.WriteStateAsync();
        await Audit(action, account.Name, "", from);
        return new SignInResult(SignInStatus.Ok, token.ToString(), ToPrincipal(account), now + SessionLifetime, 0, "signed in");
    }

    /// <summary>Sign-ins, sign-outs and password changes are acts of the account itself; the rest of whoever calls (an admin).</summary>
    private async Task Audit(string action, string target, string detail, string? from = null)
    {
        var own = action.StartsWith("sign", StringComparison.Ordinal) || action == "password.change";
        var caller = RequestContext.Get(AccessContext.ActorKey);
        if (own) RequestContext.Set(AccessContext.ActorKey, target);
        try
        {
            await GrainFactory.Audit(action, "account:" + target, detail, from);
        }
        finally
        {
            if (caller is null) RequestContext.Remove(AccessContext.ActorKey);
            else RequestContext.Set(AccessContext.ActorKey, caller);
        }
    }

    private static Principal ToPrincipal(AccountState a) => new(a.Name, a.Roles, a.MustChangePassword);

    private static AccountView ToView(AccountState a) =>
        new(a.Name, a.Roles, a.Disabled, a.MustChangePassword, a.Created, a.LastSignIn, a.Keys.Select(k => new ApiKeyView(k.Id, k.Label, k.Created)).ToArray());

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";

    private static readonly string DummyHash = PasswordHash.Of(Guid.NewGuid().ToString());

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex ValidName();
}
