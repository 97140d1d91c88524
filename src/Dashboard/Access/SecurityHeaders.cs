
namespace Cohort.Dashboard.Access;

/// <summary>
/// Security headers on every response, and limits on what a request may carry. Cohort's pages have no script at all, so their policy
/// forbids every script and every framing; the Orleans operations dashboard (admins only) is a script application and gets a policy
/// allowing its own scripts, still never framed.
/// </summary>
internal static class SecurityHeaders
{
    public const int MaxQueryLength = 4096, MaxQueryParameters = 64;

    public const string PagePolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    public const string OperationsPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/orleans") ? OperationsPolicy : PagePolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (!http.Request.Path.StartsWithSegments("/static")) headers.CacheControl = "no-store";
        var query = http.Request.QueryString.Value ?? "";
        if (query.Length > MaxQueryLength || http.Request.Query.Count > MaxQueryParameters)
        {
            await Results.Problem($"query string: at most {MaxQueryParameters} parameters and {MaxQueryLength} characters", statusCode: 400).ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}
