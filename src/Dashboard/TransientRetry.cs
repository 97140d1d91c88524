using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cohort.Dashboard;

/// <summary>
/// Reads (GET and HEAD) that fail because a silo went away — a grain call to a dead or departing silo, a gateway that closed — are
/// run again, with backoff, while the cluster notices the loss and reactivates the grains elsewhere; only before any byte of the
/// response was written, so a user sees either a complete answer or an error, never half of one. Every read has a deadline
/// (<see cref="Deadline"/>, 10 s): it is retried until then, a grain call still running then is abandoned
/// (<see cref="RequestDeadline"/>), and the read answers 503 with Retry-After, so no request waits longer than that for a silo that
/// is gone. Reads that are slow by nature (the export, quarantine downloads, the audit log and its verification, comparing two
/// phenotype models) have no deadline and keep the longer retry schedule.
/// </summary>
internal static class TransientRetry
{
    public static TimeSpan Deadline { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Backoff between attempts: bounded reads repeat the last step until the deadline; the others stop after the last.</summary>
    private static readonly TimeSpan[] Delays = [.. new[] { 0.25, 0.5, 1, 2, 4, 4, 4, 4 }.Select(TimeSpan.FromSeconds)];

    private static readonly TimeSpan BoundedStep = TimeSpan.FromSeconds(1);

    private static readonly string[] Unbounded = ["/api/export", "/api/ingest/runs", "/api/audit", "/audit", "/api/phenotypes/compare"];

    public static bool IsTransient(Exception e) => e switch
    {
        // Any failure of the Orleans runtime while a silo leaves (forwarding failed, a connection dropped, a grain reactivating
        // elsewhere), and a store error that may pass (busy, a connection lost); a GET is safe to repeat. Failures of the request itself
        // (bad parameters, refusals) are not retried, nor is a store that needs fixing (a damaged or full file): that answers 500 at once.
        SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException or TimeoutException => true,
        // A store error as it comes: from a grain's own store calls, or wrapped by Orleans when a grain's persistent state failed.
        _ when Cohort.Contracts.StateStoreException.Behind(e) is { } s => !s.Permanent,
        OrleansException or Orleans.Storage.InconsistentStateException => true,
        AggregateException a => a.InnerExceptions.Any(IsTransient),
        _ => false,
    };

    public static IApplicationBuilder UseTransientRetry(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var bounded = !Unbounded.Any(p => context.Request.Path.StartsWithSegments(p));
        // The deadline, or the client going away, whichever comes first.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (bounded)
        {
            deadline.CancelAfter(Deadline);
            RequestDeadline.Set(deadline.Token);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var requestServices = context.RequestServices;
        bool Expired() => bounded && deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested;
        for (var attempt = 0; ; attempt++)
        {
            // Each retry runs in a fresh service scope: scoped services remember their first result for the request (an
            // authentication handler keeps its first, failed, attempt), so a retry in the same scope would only repeat the failure.
            using var scope = attempt == 0 ? null : requestServices.GetRequiredService<IServiceScopeFactory>().CreateScope();
            context.RequestServices = scope?.ServiceProvider ?? requestServices;
            try
            {
                await next(context);
                return;
            }
            catch (OperationCanceledException) when (Expired())
            {
                throw new ClusterUnavailableException(Deadline);
            }
            catch (Exception e) when (IsTransient(e) && !context.Response.HasStarted && (bounded || attempt < Delays.Length))
            {
                var delay = attempt < Delays.Length ? Delays[attempt] : BoundedStep;
                if (bounded && delay > BoundedStep) delay = BoundedStep;
                if (bounded && clock.Elapsed + delay >= Deadline) throw new ClusterUnavailableException(Deadline);
                if (requestServices.GetService(typeof(ILoggerFactory)) is ILoggerFactory f)
                    f.CreateLogger("Cohort.Dashboard.Retry").LogInformation("{Path}: {Error} ({Message}) — retrying (attempt {Attempt})", context.Request.Path.Value, e.GetType().Name, e.Message, attempt + 2);
                try
                {
                    await Task.Delay(delay, deadline.Token);
                }
                catch (OperationCanceledException) when (Expired())
                {
                    throw new ClusterUnavailableException(Deadline);
                }
                context.Response.Clear();
            }
            finally
            {
                context.RequestServices = requestServices;
            }
        }
    });
}
