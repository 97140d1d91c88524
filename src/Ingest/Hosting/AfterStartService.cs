using Microsoft.Extensions.Hosting;

namespace Cohort.Ingest.Hosting;

/// <summary>
/// A background service whose work begins once the host has started, that is once the silo accepts grain calls (a hosted service's
/// <c>ExecuteAsync</c> begins before that). Scheduled ingests, the first admin account and the demo cohort all wait for it.
/// </summary>
public abstract class AfterStartService(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult())) await started.Task.WaitAsync(stoppingToken);
        await RunAsync(stoppingToken);
    }

    /// <summary>The work, started once the host has started; <paramref name="stoppingToken"/> fires when the host stops.</summary>
    protected abstract Task RunAsync(CancellationToken stoppingToken);
}
