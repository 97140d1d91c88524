using Cohort.Contracts.Access;
using Cohort.Contracts.Audit;
using Cohort.Dashboard.Api;
using Cohort.Dashboard.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cohort.Dashboard.Access;

/// <summary>Admins only: accounts (list, add, disable, issue keys) and the audit log (read, verify; the /audit page).</summary>
internal static class AdministrationEndpoints
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
        api.MapGet("/audit", async (HttpRequest request, IGrainFactory grains) =>
        {
            var after = QueryParameters.Integer(request.Query["after"], "after", 0, int.MaxValue) ?? 0;
            var count = QueryParameters.Integer(request.Query["count"], "count", 1, 10_000) ?? 1000;
            return await grains.GetGrain<IAuditLogGrain>(0).Read(after, count);
        }).WithSummary("Audit entries after a sequence number (after, count ≤ 10,000), oldest first, with their hashes.");
        api.MapGet("/audit/verify", (IGrainFactory grains) => grains.GetGrain<IAuditLogGrain>(0).Verify())
            .WithSummary("Verify the whole hash chain: intact, or the first entry that does not fit and why.");
        app.MapGet("/audit", async (IGrainFactory grains) =>
        {
            var log = grains.GetGrain<IAuditLogGrain>(0);
            var check = await log.Verify();
            var newest = await log.Read(Math.Max(0, check.Entries - 200), 200);
            return Results.Content(AuditPage.Render(check, newest, check.Entries), "text/html; charset=utf-8");
        }).RequireAuthorization(AccessPolicies.Administration);
    }

    public sealed record NewUserRequest(string? Name, string[]? Roles);
}
