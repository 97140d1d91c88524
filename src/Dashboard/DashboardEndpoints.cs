using Cohort.Contracts.Ingest;
using Cohort.Dashboard.Features.Accounts;
using Cohort.Dashboard.Features.Audit;
using Cohort.Dashboard.Features.Distribution;
using Cohort.Dashboard.Features.HomaIr;
using Cohort.Dashboard.Features.Ingest;
using Cohort.Dashboard.Features.Markers;
using Cohort.Dashboard.Features.Outcomes;
using Cohort.Dashboard.Features.Overview;
using Cohort.Dashboard.Features.Participants;
using Cohort.Dashboard.Features.Phases;
using Cohort.Dashboard.Features.Phenotypes;
using Cohort.Dashboard.Features.Trajectories;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Dashboard;

public static class DashboardEndpoints
{
    /// <summary>Registers the dashboard's services. It reads only grains (through <see cref="IGrainFactory"/>), never storage.</summary>
    public static IServiceCollection AddCohortDashboard(this IServiceCollection services, IConfiguration configuration, bool separateProcess)
    {
        services.AddSingleton(new DashboardHosting(separateProcess));
        services.AddSingleton<IOutgoingGrainCallFilter, RequestDeadline>();
        services.AddOpenApi();
        // Pages are Razor components rendered on the server (static: no script, no circuit), so output is encoded by construction.
        services.AddRazorComponents();
        services.AddProblemDetails();
        // A body that is not valid JSON (or a parameter that does not bind) throws, so that the caller gets a problem document saying
        // what is wrong instead of an empty 400 (minimal APIs only throw in Development by default).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddCohortAccess(configuration);
        services.AddAntiforgery(o =>
        {
            o.FormFieldName = Access.RequestIdentity.AntiforgeryField;
            o.HeaderName = null;
            o.Cookie.Name = "cohort_af";
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });
        // Forms are small: a sign-in, a refit, a key label. Bodies are capped at 1 MB by Kestrel (the host sets it).
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o =>
        {
            o.ValueCountLimit = 32;
            o.ValueLengthLimit = 4096;
            o.KeyLengthLimit = 128;
            o.MultipartBodyLengthLimit = 1 << 20;
        });
        return services;
    }

    /// <summary>
    /// The dashboard's pipeline and endpoints. Every endpoint names who may use it (<see cref="AccessPolicies"/>); an endpoint that
    /// names nobody is admin-only (the fallback policy).
    /// </summary>
    /// <summary>The answer to a request that failed with an exception: refusals and bad input name what is wrong; anything else is a 500.</summary>
    private static (int Status, string Message) Outcome(Exception? error) => error switch
    {
        Cohort.Contracts.Access.AccessDeniedException d => (403, d.Message),
        ClusterUnavailableException u => (503, u.Message),
        NotFoundException n => (404, n.Message),
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => (400, "the form's anti-forgery token is missing or out of date: reload the page"),
        System.Text.Json.JsonException or InvalidDataException => (400, "body: not valid JSON of the expected shape"),
        QueryParameters.BadParameterException b => (400, b.Message),
        ScheduleException s => (400, s.Message),
        Cohort.Contracts.Markers.MarkerDeclarationException m => (400, m.Message),
        Microsoft.AspNetCore.Http.BadHttpRequestException { InnerException: System.Text.Json.JsonException j } =>
            (400, $"body: not valid JSON of the expected shape at {j.Path ?? "$"} (line {j.LineNumber + 1}, byte {j.BytePositionInLine + 1})"),
        Microsoft.AspNetCore.Http.BadHttpRequestException h => (h.StatusCode, h.Message),
        ArgumentException a => (400, a.Message),
        _ => (500, "the request failed; the error is in the server log"),
    };

    /// <summary>An error answer: a page in the site's layout, or a problem document (the API, downloads).</summary>
    private static Task AnswerAsync(HttpContext context, int status, string message, bool asPage)
    {
        if (!asPage) return Results.Problem(message, statusCode: status).ExecuteAsync(context);
        Rendering.PageContext.Current = Access.RequestIdentity.PageOf(context);
        return Rendering.PageResult.Of<Layout.MessagePage>(new { Title = TitleOf(status), Message = message }, status).ExecuteAsync(context);
    }

    private static string TitleOf(int status) => status switch
    {
        404 => "Not found",
        403 => "Not allowed",
        _ => "Cannot show this",
    };

    public static WebApplication MapCohortDashboard(this WebApplication app)
    {
        app.UseForwardedProxies(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Cohort.Settings.AccessOptions>>().Value);
        app.UseSecurityHeaders();
        // A refused or bad request is the caller's mistake: one line in the log, not an "unhandled exception" with a stack trace.
        // Only failures of the platform (500) keep the middleware's full diagnostics.
        var requests = app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("Cohort.Dashboard.Requests");
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            SuppressDiagnosticsCallback = c => Outcome(c.Exception).Status is < 500 or 503,
            ExceptionHandler = async context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var (status, message) = Outcome(error);
                if (status is < 500 or 503)
                    Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(requests, "{Method} {Path} answered {Status}: {Message}", context.Request.Method, context.Request.Path.Value, status, message);
                if (status == 503) context.Response.Headers.RetryAfter = ((int)ClusterUnavailableException.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.StatusCode = status;
                // A page asked for by a browser answers in the site's layout; the API and downloads answer with a problem document.
                await AnswerAsync(context, status, message, Access.AccessDeniedResponses.WantsPage(context.Request) && status < 500);
            },
        });
        // Answers without a body (routing's 404, 405 and 415) get one: a page for a browser, a problem document for everyone else.
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            var code = context.Response.StatusCode;
            var message = code switch
            {
                404 => "there is nothing at this address",
                405 => $"{context.Request.Method} is not accepted here",
                415 => $"this endpoint does not take a body of type '{context.Request.ContentType}'",
                _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(code),
            };
            await AnswerAsync(context, code, message, Access.AccessDeniedResponses.WantsPage(context.Request));
        });
        // Retries wrap authentication too: checking a credential is a grain call, and a silo that just died must not turn it into a 500.
        app.UseTransientRetry();
        app.UseAuthentication();
        app.UseRequestIdentity(separateProcess: app.Services.GetRequiredService<DashboardHosting>().SeparateProcess);
        app.UseAuthorization();

        app.MapOpenApi("/api/openapi.json").AllowAnonymous();
        app.MapGet("/healthz", async (HttpContext http, IGrainFactory grains) =>
        {
            // Storage as seen by a silo, and the cluster's membership: 503 when either is unhealthy, so load balancers and
            // orchestrators take this process out of rotation.
            var settings = await grains.GetGrain<ICohortSettingsGrain>(0).Get();
            var storage = await grains.GetGrain<Cohort.Contracts.ICohortHealthGrain>(0).Storage();
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
            var active = hosts.Where(h => h.Value == SiloStatus.Active).Select(h => h.Key.ToString()).Order().ToArray();
            var healthy = storage.Ok && active.Length > 0;
            var body = new
            {
                status = healthy ? "healthy" : "unhealthy", shards = settings.Shards,
                storage = new { store = storage.Store, ok = storage.Ok, milliseconds = storage.Milliseconds, error = storage.Error, probedBy = storage.Silo },
                membership = new { active = active.Length, silos = hosts.OrderBy(h => h.Key.ToString()).Select(h => new { silo = h.Key.ToString(), status = h.Value.ToString() }) },
            };
            // The store's location and the silos' addresses are for engineers and admins; a probe needs only the status.
            object shown = Access.OperationalDetail.Sees(http.User) ? body : new { body.status };
            return healthy ? Results.Ok(shown) : Results.Json(shown, statusCode: 503);
        }).AllowAnonymous();
        app.MapGet("/static/cohort.css", () => Results.Text(Stylesheet.Css, "text/css")).AllowAnonymous();
        app.MapGet("/favicon.svg", () => Results.Text(Stylesheet.Icon, "image/svg+xml")).AllowAnonymous();
        app.MapGet("/favicon.ico", () => Results.Redirect("/favicon.svg")).AllowAnonymous();
        SignInEndpoints.Map(app);
        UsersEndpoints.Map(app);
        AuditEndpoints.Map(app);
        OverviewEndpoints.Map(app);
        DistributionEndpoints.Map(app);
        TrajectoryEndpoints.Map(app);
        HomaIrEndpoints.Map(app);
        PhasesEndpoints.Map(app);
        PhenotypesEndpoints.Map(app);
        IngestEndpoints.Map(app);
        ParticipantEndpoints.Map(app);
        MarkersEndpoints.Map(app);
        OutcomesEndpoints.Map(app);
        return app;
    }
}
