using System.CommandLine;
using System.Text;
using Cohort.Contracts.Access;

namespace Cohort.Cli.Commands;

/// <summary>
/// `cohort account password`: anyone changes their own password, the current one proving who asks. `cohort account sign-out`: ends
/// the session the CLI keeps for COHORT_USER and deletes its file.
/// </summary>
public static class AccountCommand
{
    public static Command Create() => new("account", "Your own account.") { Password(), SignOut() };

    private static Command SignOut()
    {
        var gateway = CliOptions.Gateway();
        var command = new Command("sign-out", $"""
            Ends the session the CLI keeps between calls for COHORT_USER at this gateway (kept after a sign-in with COHORT_USER and
            COHORT_PASSWORD, in a file only you can read under COHORT_SESSION_DIR or ~/.config/cohort) and deletes the file. The next call
            signs in again.
            """) { gateway };
        command.SetAction(async (parse, ct) =>
        {
            var user = Environment.GetEnvironmentVariable("COHORT_USER");
            if (string.IsNullOrWhiteSpace(user)) throw new UsageException("COHORT_USER: set it to the account whose session to end");
            var at = ClusterConnection.Named(parse.GetValue(gateway));
            // Any kept token is ended, even one whose file others could read (it may have been seen).
            if (SessionCache.Read(user, at, DateTimeOffset.UtcNow, evenIfExposed: true) is not { } token)
            {
                SessionCache.Delete(user, at);
                Console.Error.WriteLine($"no session of {user} is kept for {at}");
                return 0;
            }
            await ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
            {
                await grains.GetGrain<IUserDirectoryGrain>(0).SignOut(token);
                return true;
            }, ct, signIn: false);
            SessionCache.Delete(user, at);
            Console.Error.WriteLine($"the session of {user} at {at} has ended");
            return 0;
        });
        return command;
    }

    private static Command Password()
    {
        var name = new Option<string?>("--name") { Description = "the account's name (default: COHORT_USER)", HelpName = "NAME" };
        var gateway = CliOptions.Gateway();
        var command = new Command("password", """
            Changes your password, or replaces the one-time password an admin gave you. Asks for the current password and then the new one
            twice, without showing them; with standard input redirected, reads the current and the new password from its first two lines.
            Needs no other credential: the current password proves who asks. Your other sessions end. Exit code 1 when it is refused
            (wrong current password, a new one that is too weak or the same, too many attempts).
            """) { name, gateway };
        command.SetAction(async (parse, ct) =>
        {
            var account = parse.GetValue(name) ?? Environment.GetEnvironmentVariable("COHORT_USER");
            if (string.IsNullOrWhiteSpace(account)) throw new UsageException("--name: give the account's name (or set COHORT_USER)");
            var (current, replacement) = ReadPasswords();
            var result = await ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
            {
                var users = grains.GetGrain<IUserDirectoryGrain>(0);
                var changed = await users.ChangePassword(account, current, replacement, $"cli on {Environment.MachineName}");
                // The change signs in; the CLI keeps no session, so the one it was given ends at once.
                if (changed.Token is { } token) await users.SignOut(token);
                return changed;
            }, ct, signIn: false);
            if (result.Status != SignInStatus.Ok)
                throw new CliException(result.Status == SignInStatus.Throttled ? $"{result.Message} (retry after {result.RetryAfterSeconds} s)" : result.Message);
            SessionCache.Delete(account, ClusterConnection.Named(parse.GetValue(gateway)));
            Console.Error.WriteLine($"the password of {account} is changed; other sessions of the account have ended");
            return 0;
        });
        return command;
    }

    private static (string Current, string Replacement) ReadPasswords()
    {
        if (Console.IsInputRedirected)
        {
            var current = Console.In.ReadLine();
            var replacement = Console.In.ReadLine();
            if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(replacement))
                throw new UsageException("standard input must hold the current password and the new password, one per line");
            return (current, replacement);
        }
        var typed = Prompt("current password: ");
        var first = Prompt("new password: ");
        if (Prompt("new password again: ") != first) throw new CliException("the two new passwords differ: nothing changed");
        return (typed, first);
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
