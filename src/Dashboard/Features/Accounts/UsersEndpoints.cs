using Cohort.Contracts.Access;

namespace Cohort.Dashboard.Features.Accounts;

/// <summary>Admins only: accounts (list, add, disable, enable, reset, issue keys).</summary>
internal static class UsersEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AccessPolicies.Administration);
        api.MapGet("/users", (IGrainFactory grains) => grains.GetGrain<IUserDirectoryGrain>(0).List()).WithSummary("Accounts with roles, state and key ids (never hashes).");
        api.MapPost("/users", async (NewUserRequest? body, IGrainFactory grains) =>
        {
            if (body?.Name is null) return Results.Problem("body: expected JSON {\"name\": …, \"roles\": [\"analyst\", …]}", statusCode: 400);
            var created = await grains.GetGrain<IUserDirectoryGrain>(0).Add(body.Name, Roles.Parse(string.Join(',', body.Roles ?? [])));
            return Results.Ok(new { created.Account.Name, roles = created.Account.Roles.Select(Roles.Name), created.OneTimePassword });
        }).WithSummary("Add an account; its one-time password is returned once and must be changed at first sign-in.");
        api.MapPost("/users/{name}/disable", (string name, IGrainFactory grains) => grains.GetGrain<IUserDirectoryGrain>(0).Disable(name))
            .WithSummary("Disable an account: its sessions end and its keys stop working. The last enabled admin cannot be disabled.");
        api.MapPost("/users/{name}/enable", (string name, IGrainFactory grains) => grains.GetGrain<IUserDirectoryGrain>(0).Enable(name))
            .WithSummary("Enable a disabled account again.");
        api.MapPost("/users/{name}/reset", async (string name, IGrainFactory grains) =>
            {
                var reset = await grains.GetGrain<IUserDirectoryGrain>(0).ResetPassword(name);
                return Results.Ok(new { reset.Account.Name, reset.OneTimePassword });
            })
            .WithSummary("Reset a forgotten password: a one-time password, returned once, that must be changed at the next sign-in; the account's sessions end.");
        api.MapPost("/users/{name}/keys", async (string name, string? label, IGrainFactory grains) =>
            Results.Ok(new { key = await grains.GetGrain<IUserDirectoryGrain>(0).IssueKey(name, label ?? "api key") }))
            .WithSummary("Issue an API key for an account (returned once).");
    }

    public sealed record NewUserRequest(string? Name, string[]? Roles);
}
