using System.Security.Claims;
using Cohort.Contracts.Access;
using Cohort.Settings;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cohort.Dashboard.Access;

/// <summary>
/// After authentication: the signed-in user becomes the actor of every grain call the request makes (what the audit log records,
/// with the client's address), a dashboard process presents its service key to the silos, and pages learn who is looking.
/// </summary>
internal static class RequestIdentity
{
    public const string AntiforgeryField = "__cohort_af";

    public static IApplicationBuilder UseRequestIdentity(this IApplicationBuilder app, bool separateProcess)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<AccessOptions>>().Value;
        if (separateProcess && string.IsNullOrEmpty(options.ServiceKey))
            throw new InvalidOperationException("a dashboard process (Cohort:Role = dashboard) needs Cohort:Access:ServiceKey, the same secret the silos are given");
        var antiforgery = app.ApplicationServices.GetRequiredService<IAntiforgery>();
        return app.Use(async (http, next) =>
        {
            var from = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var name = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;
            RequestContext.Clear();
            if (separateProcess) AccessContext.Present(options.ServiceKey!);
            AccessContext.Set(name ?? "anonymous", from);
            AccessContext.SetExact(name is not null && AccessPolicies.RolesOf(http.User).Contains(Role.Epidemiologist));
            PageContext.Current = PageOf(http, options, antiforgery);
            await next(http);
        });
    }

    /// <summary>
    /// The page context of a request, from its authenticated user. Error pages, which render outside this middleware (the exception
    /// handler and status-code pages wrap it, and what it set does not flow back out), take theirs from here too, so that an error
    /// shows the signed-in user's layout rather than a signed-out one.
    /// </summary>
    public static PageContext PageOf(HttpContext http) =>
        PageOf(http, http.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value, http.RequestServices.GetRequiredService<IAntiforgery>());

    private static PageContext PageOf(HttpContext http, AccessOptions options, IAntiforgery antiforgery)
    {
        var name = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;
        return new PageContext(name, AccessPolicies.RolesOf(http.User), options.AnonymousAggregates && name is null,
            () => antiforgery.GetAndStoreTokens(http).RequestToken ?? "")
        { Path = http.Request.Path.Value ?? "/", Query = http.Request.Query };
    }

    /// <summary>Checks a form's anti-forgery token; false (and a 400 written) when it is missing or wrong.</summary>
    public static async Task<IResult?> RefuseForgedForm(HttpContext http)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem("the form's anti-forgery token is missing or out of date: reload the page and submit it again", statusCode: 400);
        }
    }

    public static string? CredentialOf(ClaimsPrincipal user) => user.FindFirst("cohort:credential")?.Value;
}
