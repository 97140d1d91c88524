namespace Cohort.Cli;

/// <summary>
/// Whether a command's connection to the cluster is gone: the client's last gateway connection closed and none came back within
/// <see cref="Grace"/> (a client that reconnects to the same gateway in time still gets the answers the gateway kept for it). Armed only
/// once the command has connected, so that a connection dropped and made again while connecting is not taken for a loss.
/// </summary>
internal sealed class ClusterConnectionWatch
{
    public static TimeSpan Grace { get; } = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private CancellationTokenSource? _waiting;
    private bool _armed;

    /// <summary>Completes once the connection is lost for good.</summary>
    public Task Lost => _lost.Task;

    public void Arm()
    {
        lock (_gate) _armed = true;
    }

    /// <summary>Orleans' cluster-connection-lost event: no gateway connection is left.</summary>
    public void ConnectionLost()
    {
        CancellationTokenSource waiting;
        lock (_gate)
        {
            if (!_armed || _waiting is not null) return;
            _waiting = waiting = new CancellationTokenSource();
        }
        _ = Task.Delay(Grace, waiting.Token).ContinueWith(t =>
        {
            if (!t.IsCanceled) _lost.TrySetResult();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Orleans' gateway-count event: a gateway connection open again ends the wait.</summary>
    public void GatewaysChanged(int connected)
    {
        if (connected <= 0) return;
        lock (_gate)
        {
            _waiting?.Cancel();
            _waiting = null;
        }
    }
}
