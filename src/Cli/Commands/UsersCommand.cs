using System.CommandLine;
using Cohort.Contracts;
using Cohort.Contracts.Access;

namespace Cohort.Cli.Commands;

/// <summary>`cohort users add|list|disable|enable|reset|key`: accounts, for admins.</summary>
public static class UsersCommand
{
    public static Command Create() => new("users", """
        Accounts, for admins only (COHORT_API_KEY, or COHORT_USER and COHORT_PASSWORD, of an admin account). One-time passwords and
        keys are printed once and never again.
        """)
    {
        Verb("add", "Adds an account and prints its one-time password once; it must be changed at first sign-in (/login).", withRole: true, withJson: true,
            run: (name, role, _, json) => Add(name, ParseRoles(role!), json)),
        Verb("list", "Lists the accounts with their roles, state, keys and last sign-in.", withName: false, withJson: true, run: (_, _, _, json) => List(json)),
        Verb("disable", "Ends the account's sessions and stops its keys (at most 30 s later on every silo); the last enabled admin cannot be disabled.",
            run: (name, _, _, _) => Disable(name)),
        Verb("enable", "Undoes disable.", run: (name, _, _, _) => Enable(name)),
        Verb("reset", "Gives someone who forgot their password a one-time password, printed once.", withJson: true, run: (name, _, _, json) => Reset(name, json)),
        Verb("key", "Prints a new API key for the account once.", withLabel: true,
            run: (name, _, label, _) => Key(name, label ?? $"cli on {Environment.MachineName}")),
    };

    private static Command Verb(string verb, string description, Func<string, string?, string?, bool, Func<IUserDirectoryGrain, Task<int>>> run,
        bool withName = true, bool withRole = false, bool withLabel = false, bool withJson = false)
    {
        var command = new Command(verb, description);
        var name = CliOptions.Required("--name", "the account's name", "NAME");
        var role = CliOptions.Required("--role", "one or more of analyst, epidemiologist, engineer, admin, separated by commas", "ROLE[,ROLE]");
        var label = new Option<string?>("--label") { Description = "what the key is for", HelpName = "TEXT" };
        var json = CliOptions.Json();
        var gateway = CliOptions.Gateway();
        if (withName) command.Add(name);
        if (withRole) command.Add(role);
        if (withLabel) command.Add(label);
        if (withJson) command.Add(json);
        command.Add(gateway);
        command.SetAction(async (parse, ct) =>
        {
            var action = run(withName ? parse.GetValue(name)! : "", withRole ? parse.GetValue(role) : null, withLabel ? parse.GetValue(label) : null,
                withJson && parse.GetValue(json));
            return await ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
            {
                try { return await action(grains.GetGrain<IUserDirectoryGrain>(0)); }
                catch (ArgumentException e) { throw new CliException(e.Message); }
            }, ct);
        });
        return command;
    }

    private static Role[] ParseRoles(string text)
    {
        try { return Roles.Parse(text); }
        catch (ArgumentException e) { throw new UsageException(e.Message.Replace("roles:", "--role:")); }
    }

    private static Func<IUserDirectoryGrain, Task<int>> Add(string name, Role[] roles, bool json) => async users =>
    {
        var created = await users.Add(name, roles);
        if (json) Console.WriteLine(CohortJson.Serialize(new { created.Account.Name, Roles = created.Account.Roles.Select(Roles.Name), created.OneTimePassword }));
        else Console.WriteLine($"account {created.Account.Name} ({string.Join(", ", created.Account.Roles.Select(Roles.Name))}) added; one-time password (shown once): {created.OneTimePassword}");
        return 0;
    };

    private static Func<IUserDirectoryGrain, Task<int>> List(bool json) => async users =>
    {
        var list = await users.List();
        if (json)
        {
            Console.WriteLine(CohortJson.Serialize(list.Select(a => new { a.Name, Roles = a.Roles.Select(Roles.Name), a.Disabled, a.MustChangePassword, a.Created, a.LastSignIn, Keys = a.Keys.Length })));
            return 0;
        }
        foreach (var a in list)
            Console.WriteLine($"{a.Name,-24} {string.Join(",", a.Roles.Select(Roles.Name)),-40} {(a.Disabled ? "disabled" : a.MustChangePassword ? "one-time password" : "active"),-18} " +
                $"{a.Keys.Length} keys  last sign-in {(a.LastSignIn is { } t ? $"{t:yyyy-MM-dd HH:mm}" : "never")}");
        return 0;
    };

    private static Func<IUserDirectoryGrain, Task<int>> Enable(string name) => async users =>
    {
        await users.Enable(name);
        Console.WriteLine($"account {name} enabled");
        return 0;
    };

    private static Func<IUserDirectoryGrain, Task<int>> Reset(string name, bool json) => async users =>
    {
        var reset = await users.ResetPassword(name);
        if (json) Console.WriteLine(CohortJson.Serialize(new { reset.Account.Name, reset.OneTimePassword }));
        else Console.WriteLine($"account {name}: one-time password (shown once): {reset.OneTimePassword}; it must be changed at the next sign-in");
        return 0;
    };

    private static Func<IUserDirectoryGrain, Task<int>> Disable(string name) => async users =>
    {
        await users.Disable(name);
        Console.WriteLine($"account {name} disabled");
        return 0;
    };

    private static Func<IUserDirectoryGrain, Task<int>> Key(string name, string label) => async users =>
    {
        Console.WriteLine(await users.IssueKey(name, label));
        return 0;
    };
}
