using Cohort.Contracts.Access;

namespace Cohort.Cli;

/// <summary>
/// Who the CLI acts as. Cohort's silos check every call that reaches data (the role it needs is on each grain method): the CLI presents
/// COHORT_API_KEY (an API key from the dashboard's account page or `cohort users key`), or signs in with COHORT_USER and
/// COHORT_PASSWORD for a session, which it keeps for later calls (<see cref="SessionCache"/>: user-only file, reused while the silo
/// accepts it). The credential is attached to every call by an outgoing call filter (RequestContext values set inside an async method
/// would not reach the command's later calls).
/// </summary>
public sealed class CliCredentials(string gateway)
{
    private readonly string _from = $"cli on {Environment.MachineName}";
    private string? _credential;

    public Task Attach(IOutgoingGrainCallContext call)
    {
        RequestContext.Set(AccessContext.FromKey, _from);
        if (_credential is not null) AccessContext.Present(_credential);
        return call.Invoke();
    }

    public async Task PresentAsync(IGrainFactory grains)
    {
        var from = _from;
        if (Environment.GetEnvironmentVariable("COHORT_API_KEY") is { Length: > 0 } key)
        {
            _credential = key.Trim();
            return;
        }
        if (Environment.GetEnvironmentVariable("COHORT_USER") is { Length: > 0 } user)
        {
            var directory = grains.GetGrain<IUserDirectoryGrain>(0);
            // A kept session of the same account that the silo still accepts: no new sign-in, no new audit entry.
            if (SessionCache.Read(user, gateway, DateTimeOffset.UtcNow) is { } kept && (await directory.Authenticate(kept))?.Name == user)
            {
                _credential = kept;
                return;
            }
            var password = Environment.GetEnvironmentVariable("COHORT_PASSWORD")
                ?? throw new CliException("COHORT_USER is set but COHORT_PASSWORD is not");
            var result = await directory.SignIn(user, password, from);
            _credential = (result.Status switch
            {
                SignInStatus.Ok => result.Token!,
                SignInStatus.MustChangePassword => throw new CliException($"{user} has a one-time password: choose a new one with `cohort account password` (or at the dashboard's /login), then set COHORT_PASSWORD to it"),
                SignInStatus.Throttled => throw new CliException($"{result.Message} (retry after {result.RetryAfterSeconds} s)"),
                _ => throw new CliException($"COHORT_USER/COHORT_PASSWORD: {result.Message}"),
            });
            if (result.Expires is { } expires) SessionCache.Write(user, gateway, _credential, expires);
        }
    }
}
