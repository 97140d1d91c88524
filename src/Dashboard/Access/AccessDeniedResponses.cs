using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Cohort.Dashboard.Access;

/// <summary>
/// What a refused request gets: the API a problem document (401 without a valid credential, 403 without the role); a page a
/// redirect to the sign-in page, or a page saying which role it needs. Nothing about the resource is revealed either way.
/// </summary>
internal sealed class AccessDeniedResponses : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();
    private static readonly AuthorizationPolicy PolicyAllowingEveryone = new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        // Routing's own answers to a path that exists (a method or content type none of its endpoints takes: 405, 415) are not
        // refusals for a signed-in caller: the fallback policy must not turn them into "needs the admin role". Without a credential they
        // stay refusals, like a path that is no endpoint at all, so that nobody learns which paths exist without signing in.
        if (result.Succeeded || context.User.Identity?.IsAuthenticated == true && context.GetEndpoint() is { } endpoint && endpoint is not RouteEndpoint)
        {
            await _default.HandleAsync(next, context, PolicyAllowingEveryone, PolicyAuthorizationResult.Success());
            return;
        }
        var policyName = context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>()?.Policy ?? AccessPolicies.Administration;
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var needs = AccessPolicies.Describe(policyName);
        if (WantsPage(context.Request))
        {
            if (!signedIn)
            {
                context.Response.Redirect($"/login?return={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
                return;
            }
            await PageResult.Of<Layout.MessagePage>(new
            {
                Title = "Not allowed",
                Message = $"Your account ({context.User.Identity!.Name}) may not open this page: it needs {needs}. An admin can change your roles.",
            }, StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }
        var status = signedIn ? 403 : 401;
        if (!signedIn) context.Response.Headers.WWWAuthenticate = "Bearer realm=\"cohort\"";
        await Results.Problem(signedIn ? $"{context.User.Identity!.Name} may not do this: it needs {needs}" : $"sign in first: this needs {needs} (send an API key or session token as 'Authorization: Bearer …')",
            statusCode: status).ExecuteAsync(context);
    }

    /// <summary>A browser navigating (not the API, not a download).</summary>
    internal static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.Value!.EndsWith(".csv", StringComparison.Ordinal)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
}
