using Cohort.Contracts.Ingest;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Dashboard.Access;
using Cohort.Dashboard.Api;
using Cohort.Dashboard.Pages;
using Cohort.Dashboard.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
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
        services.AddProblemDetails();
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

    /// <summary>The request's query string with <paramref name="key"/> set, for links to the same numbers in another format.</summary>
    internal static string QueryOf(HttpRequest request, string key, string value)
    {
        var pairs = request.Query.Where(kv => kv.Key != key).SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}"));
        return string.Join("&", pairs.Prepend($"{key}={Uri.EscapeDataString(value)}"));
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
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => (400, "the form's anti-forgery token is missing or out of date: reload the page"),
        System.Text.Json.JsonException or InvalidDataException => (400, "body: not valid JSON of the expected shape"),
        QueryParameters.BadParameterException b => (400, b.Message),
        ScheduleException s => (400, s.Message),
        Microsoft.AspNetCore.Http.BadHttpRequestException h => (400, h.Message),
        ArgumentException a => (400, a.Message),
        _ => (500, "the request failed; the error is in the server log"),
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
                await Results.Problem(message, statusCode: status).ExecuteAsync(context);
            },
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
        AdministrationEndpoints.Map(app);
        CohortApi.Map(app);
        IngestApi.Map(app);
        PhenotypesApi.Map(app);
        app.MapGet("/ingest", async (IGrainFactory grains) =>
        {
            var history = grains.GetGrain<IIngestRunsGrain>(0);
            return Results.Content(IngestPage.Render(await history.List(), await grains.GetGrain<ISchedulesGrain>(0).List()), "text/html; charset=utf-8");
        }).RequireAuthorization(AccessPolicies.Ingest);
        MapAggregatePages(app);
        return app;
    }

    private static void MapAggregatePages(WebApplication app)
    {

        var pages = app.MapGroup("").RequireAuthorization(AccessPolicies.Aggregates);
        pages.MapGet("/", async (IGrainFactory grains) =>
            Results.Content(OverviewPage.Render(await grains.GetGrain<ICohortQueryGrain>(0).Overview()), "text/html; charset=utf-8"));
        pages.MapGet("/distribution", async (HttpRequest request, string? metric, IGrainFactory grains, IConfiguration config) =>
        {
            var d = await grains.GetGrain<ICohortQueryGrain>(0).Distribution(StatisticsParameters.Query(request, await CohortApi.DefaultCutoff(grains)),
                QueryParameters.Metric(metric ?? "homa_ir").Code);
            return Results.Content(DistributionPage.Render(d, QueryOf(request, "metric", d.Metric)), "text/html; charset=utf-8");
        });
        pages.MapGet("/distribution.csv", async (HttpRequest request, string? metric, IGrainFactory grains, IConfiguration config) =>
        {
            var d = await grains.GetGrain<ICohortQueryGrain>(0).Distribution(StatisticsParameters.Query(request, await CohortApi.DefaultCutoff(grains)), QueryParameters.Metric(metric).Code);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(Csv.Distribution(d)), "text/csv", $"distribution-{d.Metric}-{d.Visit.Replace(' ', '-')}.csv");
        });
        pages.MapGet("/homa-ir", async (HttpRequest request, IGrainFactory grains, IConfiguration config) =>
        {
            var q = StatisticsParameters.Query(request, await CohortApi.DefaultCutoff(grains));
            var query = grains.GetGrain<ICohortQueryGrain>(0);
            var d = await query.Distribution(q with { StrataBy = Dimension.None }, "homa_ir");
            return Results.Content(HomaIrPage.Render(d, await query.HomaIrCutoffs(q), request.QueryString.Value?.TrimStart('?') ?? "", q.PhaseCutoffHomaIr), "text/html; charset=utf-8");
        });
        pages.MapGet("/homa-ir.csv", async (HttpRequest request, IGrainFactory grains, IConfiguration config) =>
        {
            var c = await grains.GetGrain<ICohortQueryGrain>(0).HomaIrCutoffs(StatisticsParameters.Query(request, await CohortApi.DefaultCutoff(grains)));
            return Results.File(System.Text.Encoding.UTF8.GetBytes(Csv.Cutoffs(c) + Csv.Prevalence(c.PhasesUnderChosenCutoff)), "text/csv", "homa-ir-cutoffs.csv");
        });
        pages.MapGet("/phases", async (HttpRequest request, IGrainFactory grains, IConfiguration config) =>
        {
            var (prevalence, transitions) = await Phases(request, grains, config);
            return Results.Content(PhasesPage.Render(prevalence, transitions, request.QueryString.Value?.TrimStart('?') ?? ""), "text/html; charset=utf-8");
        });
        pages.MapGet("/phases.csv", async (HttpRequest request, IGrainFactory grains, IConfiguration config) =>
        {
            var (prevalence, transitions) = await Phases(request, grains, config);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(string.Concat(prevalence.Select(Csv.Prevalence)) + Csv.Transitions(transitions)), "text/csv", "phases.csv");
        });
        pages.MapGet("/phenotypes", async (HttpRequest request, IGrainFactory grains, IConfiguration config) =>
            Results.Content(await Phenotypes(request, grains, config, null), "text/html; charset=utf-8"));
        app.MapPost("/phenotypes/fit", async (HttpRequest request, IGrainFactory grains, IConfiguration config) =>
        {
            if (await RequestIdentity.RefuseForgedForm(request.HttpContext) is { } forged) return forged;
            var form = await request.ReadFormAsync();
            try
            {
                var parameters = new QueryCollection(form.Where(kv => kv.Value.ToString().Length > 0).ToDictionary(kv => kv.Key, kv => kv.Value));
                var model = await grains.GetGrain<IPhenotypeModelGrain>(0).Fit(PhenotypesApi.FitRequest(parameters));
                return Results.Redirect($"/phenotypes?version={model.Version}", permanent: false, preserveMethod: false);
            }
            catch (Exception e) when (e is QueryParameters.BadParameterException or ArgumentException)
            {
                return Results.Content(await Phenotypes(request, grains, config, e.Message), "text/html; charset=utf-8", statusCode: 400);
            }
        }).RequireAuthorization(AccessPolicies.ParticipantLevel);
    }

    private static async Task<string> Phenotypes(HttpRequest request, IGrainFactory grains, IConfiguration config, string? fitError)
    {
        var version = QueryParameters.Integer(request.Query["version"], "version", 1, int.MaxValue);
        var view = await PhenotypesApi.View(grains, version);
        if (view is null) return PhenotypesPage.Render(null, null, null, null, fitError);
        var q = StatisticsParameters.Query(request, await CohortApi.DefaultCutoff(grains));
        if (string.IsNullOrEmpty(request.Query["visit"])) q = q with { Visit = VisitChoice.FirstOgtt };
        var query = grains.GetGrain<ICohortQueryGrain>(0);
        var byPhase = await query.PhenotypeTable(q with { StrataBy = Dimension.Phase });
        var byStratum = await query.PhenotypeTable(q.StrataBy == Dimension.None ? q with { StrataBy = Dimension.Sex } : q);
        PhenotypeComparisonView? comparison = null;
        if (QueryParameters.Integer(request.Query["a"], "a", 1, int.MaxValue) is { } a && QueryParameters.Integer(request.Query["b"], "b", 1, int.MaxValue) is { } b)
            comparison = PhenotypeViews.Comparison(await grains.GetGrain<IPhenotypeModelGrain>(0).Compare(a, b));
        return PhenotypesPage.Render(view, byPhase, byStratum, comparison, fitError);
    }

    private static async Task<(PrevalenceResult[] Prevalence, TransitionResult Transitions)> Phases(HttpRequest request, IGrainFactory grains, IConfiguration config)
    {
        var q = StatisticsParameters.Query(request, await CohortApi.DefaultCutoff(grains)) with { StrataBy = Dimension.None };
        var query = grains.GetGrain<ICohortQueryGrain>(0);
        var prevalence = await Task.WhenAll(new[] { "normal", "compensated", "intermediate", "diabetes-range" }
            .Select(p => query.Prevalence(q, new Condition(ConditionKind.Phase, p))));
        var transitions = await query.Transitions(q, StatisticsParameters.VisitOf(request.Query["from"].ToString() is { Length: > 0 } f ? f : "baseline", "from"),
            StatisticsParameters.VisitOf(request.Query["to"].ToString() is { Length: > 0 } t ? t : "latest", "to"), TransitionKind.Phase);
        return (prevalence, transitions);
    }
}
