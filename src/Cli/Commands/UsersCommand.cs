using System.Text.Json;
using Cohort.Contracts.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Cli.Commands;

/// <summary>`cohort users add|list|disable|enable|reset|key`: accounts, for admins.</summary>
public static class UsersCommand
{
    public const string Usage = """
        cohort users add --name NAME --role analyst|epidemiologist|engineer|admin[,…] [--json]
        cohort users list [--json]
        cohort users disable --name NAME
        cohort users enable --name NAME
        cohort users reset --name NAME
        cohort users key --name NAME [--label TEXT]

          Admins only (COHORT_API_KEY, or COHORT_USER and COHORT_PASSWORD, of an admin account). `add` prints the new account's
          one-time password once; it must be changed at first sign-in (/login). `key` prints a new API key once. `disable` ends the
          account's sessions and stops its keys (at most 30 s later on every silo); the last enabled admin cannot be disabled.
          `enable` undoes it. `reset` gives someone who forgot their password a one-time password, printed once.
        """;

    public static async Task<int> RunAsync(Arguments args, string? verb, CancellationToken ct)
    {
        var gateway = args.String("gateway");
        Func<IUserDirectoryGrain, Task<int>> action = verb switch
        {
            "add" => Add(args.RequiredString("name"), ParseRoles(args.RequiredString("role")), args.Flag("json")),
            "list" => List(args.Flag("json")),
            "disable" => Disable(args.RequiredString("name")),
            "enable" => Enable(args.RequiredString("name")),
            "reset" => Reset(args.RequiredString("name"), args.Flag("json")),
            "key" => Key(args.RequiredString("name"), args.String("label") ?? $"cli on {Environment.MachineName}"),
            _ => throw new UsageException($"users needs add, list, disable, enable, reset or key (got '{verb}')"),
        };
        args.EnsureAllUsed();
        using var host = await ClusterConnection.ConnectAsync(gateway, ct);
        try
        {
            return await action(host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserDirectoryGrain>(0));
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static Role[] ParseRoles(string text)
    {
        try { return Roles.Parse(text); }
        catch (ArgumentException e) { throw new UsageException(e.Message.Replace("roles:", "--role:")); }
    }

    private static Func<IUserDirectoryGrain, Task<int>> Add(string name, Role[] roles, bool json) => async users =>
    {
        var created = await users.Add(name, roles);
        if (json) Console.WriteLine(JsonSerializer.Serialize(new { name = created.Account.Name, roles = created.Account.Roles.Select(Roles.Name), one_time_password = created.OneTimePassword }));
        else Console.WriteLine($"account {created.Account.Name} ({string.Join(", ", created.Account.Roles.Select(Roles.Name))}) added; one-time password (shown once): {created.OneTimePassword}");
        return 0;
    };

    private static Func<IUserDirectoryGrain, Task<int>> List(bool json) => async users =>
    {
        var list = await users.List();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(list.Select(a => new { a.Name, roles = a.Roles.Select(Roles.Name), a.Disabled, a.MustChangePassword, a.Created, a.LastSignIn, keys = a.Keys.Length })));
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
        if (json) Console.WriteLine(JsonSerializer.Serialize(new { name = reset.Account.Name, one_time_password = reset.OneTimePassword }));
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
