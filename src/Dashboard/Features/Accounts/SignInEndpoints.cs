using Cohort.Contracts.Access;

namespace Cohort.Dashboard.Features.Accounts;

/// <summary>
/// Sign-in for people (the /login page and its session cookie, the one-time password replaced, sign-out, the account page with API
/// keys) and for programs (POST /api/session → a bearer session token). Failed sign-ins are throttled by the user directory; a
/// throttled attempt is answered 429 with Retry-After, even when the password is right.
/// </summary>
internal static class SignInEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (string? @return) => SignIn(SafeReturn(@return), null)).AllowAnonymous();
        app.MapPost("/login", async (HttpContext http, IGrainFactory grains) =>
        {
            if (await RequestIdentity.RefuseForgedForm(http) is { } forged) return forged;
            var form = await http.Request.ReadFormAsync();
            var (name, password, returnTo) = (Field(form, "name", 64), Field(form, "password", 256), SafeReturn(form["return"]));
            var result = await grains.GetGrain<IUserDirectoryGrain>(0).SignIn(name, password, From(http));
            return result.Status switch
            {
                SignInStatus.Ok => SignedIn(http, result, returnTo),
                SignInStatus.MustChangePassword => ChangePassword(name, returnTo, null),
                SignInStatus.Throttled => Throttled(result, SignIn(returnTo, result.Message, 429)),
                _ => SignIn(returnTo, result.Message, 401),
            };
        }).AllowAnonymous();
        app.MapPost("/account/password", async (HttpContext http, IGrainFactory grains) =>
        {
            if (await RequestIdentity.RefuseForgedForm(http) is { } forged) return forged;
            var form = await http.Request.ReadFormAsync();
            var (name, current, next, confirm, returnTo) = (Field(form, "name", 64), Field(form, "current", 256), Field(form, "new", 256), Field(form, "confirm", 256), SafeReturn(form["return"]));
            if (next != confirm) return ChangePassword(name, returnTo, "the two new passwords differ", 400);
            var result = await grains.GetGrain<IUserDirectoryGrain>(0).ChangePassword(name, current, next, From(http));
            return result.Status switch
            {
                SignInStatus.Ok => SignedIn(http, result, returnTo),
                SignInStatus.Throttled => Throttled(result, ChangePassword(name, returnTo, result.Message, 429)),
                SignInStatus.Refused => ChangePassword(name, returnTo, result.Message, 400),
                _ => ChangePassword(name, returnTo, result.Message, 401),
            };
        }).AllowAnonymous();
        app.MapPost("/logout", async (HttpContext http, IGrainFactory grains) =>
        {
            if (await RequestIdentity.RefuseForgedForm(http) is { } forged) return forged;
            if (http.Request.Cookies.TryGetValue(CredentialAuthentication.Cookie, out var token)) await grains.GetGrain<IUserDirectoryGrain>(0).SignOut(token);
            http.Response.Cookies.Delete(CredentialAuthentication.Cookie);
            return Results.Redirect("/login");
        }).AllowAnonymous();
        app.MapGet("/account", async (HttpContext http, IGrainFactory grains) => await Account(http, grains, null, null))
            .RequireAuthorization(AccessPolicies.SignedIn);
        app.MapPost("/account/keys", async (HttpContext http, IGrainFactory grains) =>
        {
            if (await RequestIdentity.RefuseForgedForm(http) is { } forged) return forged;
            var form = await http.Request.ReadFormAsync();
            try
            {
                var key = await grains.GetGrain<IUserDirectoryGrain>(0).IssueKey(http.User.Identity!.Name!, Field(form, "label", 64));
                return await Account(http, grains, key, null);
            }
            catch (ArgumentException e)
            {
                return await Account(http, grains, null, e.Message, 400);
            }
        }).RequireAuthorization(AccessPolicies.SignedIn);

        app.MapPost("/api/session", async (SessionRequest? body, HttpContext http, IGrainFactory grains) =>
        {
            if (body is null || string.IsNullOrEmpty(body.Name) || string.IsNullOrEmpty(body.Password) || body.Name.Length > 64 || body.Password.Length > 256)
                return Results.Problem("body: expected JSON {\"name\": …, \"password\": …}", statusCode: 400);
            var result = await grains.GetGrain<IUserDirectoryGrain>(0).SignIn(body.Name, body.Password, From(http));
            return result.Status switch
            {
                SignInStatus.Ok => Results.Ok(new { token = result.Token, expires = result.Expires, name = result.Principal!.Name, roles = result.Principal.Roles.Select(Roles.Name) }),
                SignInStatus.Throttled => Throttled(result, Results.Problem(result.Message, statusCode: 429)),
                SignInStatus.MustChangePassword => Results.Problem("the password is a one-time password: change it at /login first", statusCode: 403),
                _ => Results.Problem(result.Message, statusCode: 401),
            };
        }).AllowAnonymous().WithSummary("Sign in with name and password; returns a session token (12 h) to send as 'Authorization: Bearer …'.");
        app.MapDelete("/api/session", async (HttpContext http, IGrainFactory grains) =>
        {
            if (CredentialAuthentication.BearerToken(http.Request) is { } token) await grains.GetGrain<IUserDirectoryGrain>(0).SignOut(token);
            return Results.NoContent();
        }).RequireAuthorization(AccessPolicies.SignedIn).WithSummary("End the session whose token is sent.");
    }

    public sealed record SessionRequest(string? Name, string? Password);

    private static IResult SignIn(string returnTo, string? error, int status = StatusCodes.Status200OK) =>
        PageResult.Of<SignInPage>(new { Return = returnTo, Error = error }, status);

    private static IResult ChangePassword(string name, string returnTo, string? error, int status = StatusCodes.Status200OK) =>
        PageResult.Of<ChangePasswordPage>(new { Name = name, Return = returnTo, Error = error }, status);

    private static async Task<IResult> Account(HttpContext http, IGrainFactory grains, string? newKey, string? error, int status = StatusCodes.Status200OK)
    {
        var name = http.User.Identity!.Name!;
        // Reading one's own account goes through the co-hosted (trusted) client; the list is admin-only at the gateway.
        var account = (await grains.GetGrain<IUserDirectoryGrain>(0).List()).FirstOrDefault(a => a.Name == name);
        return PageResult.Of<AccountPage>(new { Name = name, Roles = AccessPolicies.RolesOf(http.User), Account = account, NewKey = newKey, Error = error }, status);
    }

    private static IResult SignedIn(HttpContext http, SignInResult result, string returnTo)
    {
        http.Response.Cookies.Append(CredentialAuthentication.Cookie, result.Token!, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/", Expires = result.Expires,
        });
        return Results.Redirect(returnTo);
    }

    private static IResult Throttled(SignInResult result, IResult body) => new WithRetryAfter(body, result.RetryAfterSeconds);

    private sealed class WithRetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(http);
        }
    }

    private static string Field(IFormCollection form, string name, int max)
    {
        var value = form[name].ToString();
        return value.Length > max ? throw new Parameters.QueryParameters.BadParameterException(name, $"form field '{name}' is longer than {max} characters") : value;
    }

    /// <summary>Only a path on this site: never another origin ("//evil", "https://…").</summary>
    internal static string SafeReturn(string? value) =>
        value is { Length: > 0 and < 2000 } v && v[0] == '/' && !v.StartsWith("//", StringComparison.Ordinal) && !v.StartsWith("/\\", StringComparison.Ordinal) ? v : "/";

    internal static string From(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
