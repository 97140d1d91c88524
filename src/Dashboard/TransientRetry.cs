using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cohort.Dashboard;

/// <summary>
/// Reads (GET and HEAD) that fail because a silo went away — a grain call to a dead or departing silo, a gateway that closed — are
/// run again, with backoff, while the cluster notices the loss and reactivates the grains elsewhere; only before any byte of the
/// response was written, so a user sees either a complete answer or an error, never half of one. Every read has a deadline
/// (<see cref="Deadline"/>, 10 s): a grain call still running then is abandoned (<see cref="RequestDeadline"/>) and the read answers
/// 503 with Retry-After, so no request waits longer than that for a silo that is gone. The export, which gathers the whole cohort,
/// has no deadline.
/// </summary>
internal static class TransientRetry
{
    public static TimeSpan Deadline { get; } = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan[] Delays = [.. new[] { 0.25, 0.5, 1, 2, 4 }.Select(TimeSpan.FromSeconds)];

    public static bool IsTransient(Exception e) => e switch
    {
        // Any failure of the Orleans runtime or the store while a silo leaves (forwarding failed, a connection dropped, a grain
        // reactivating elsewhere); a GET is safe to repeat. Failures of the request itself (bad parameters, refusals) are not retried.
        SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException or TimeoutException => true,
        OrleansException or Cohort.Contracts.StateStoreException or Orleans.Storage.InconsistentStateException => true,
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
        var bounded = !context.Request.Path.StartsWithSegments("/api/export");
        using var deadline = new CancellationTokenSource(Deadline);
        if (bounded) RequestDeadline.Set(deadline.Token);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var requestServices = context.RequestServices;
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
            catch (OperationCanceledException) when (bounded && deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
            {
                throw new ClusterUnavailableException(Deadline);
            }
            catch (Exception e) when (IsTransient(e) && !context.Response.HasStarted && attempt < Delays.Length)
            {
                if (bounded && clock.Elapsed + Delays[attempt] >= Deadline) throw new ClusterUnavailableException(Deadline);
                if (requestServices.GetService(typeof(ILoggerFactory)) is ILoggerFactory f)
                    f.CreateLogger("Cohort.Dashboard.Retry").LogInformation("{Path}: {Error} — retrying (attempt {Attempt})", context.Request.Path.Value, e.GetType().Name, attempt + 2);
                try
                {
                    await Task.Delay(Delays[attempt], bounded ? deadline.Token : context.RequestAborted);
                }
                catch (OperationCanceledException) when (bounded && deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
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
