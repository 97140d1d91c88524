using System.Diagnostics;
using Cohort.Contracts.Ingest;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Passes a run's progress to its caller and tells the runs grain, at most every two seconds, so that the overview can say an ingest
/// is in progress and how far it is; and at least every <see cref="KeepAlive"/> while the run goes on, progress or not (a long commit,
/// a paced wait), because the runs grain abandons an open run whose runner outside any silo falls silent
/// (<c>Cohort:ClientRunnerSilenceSeconds</c>, 60 s by default). A report that fails is dropped: progress never fails a run.
/// Disposing it stops the keep-alive whatever became of the run.
/// </summary>
internal sealed class RunAnnouncer(IIngestRunsGrain runs, string runId, string trigger, DateTime started, IProgress<IngestProgress>? caller)
    : IProgress<IngestProgress>, IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>The longest the runs grain goes without a report while the run goes on.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(10);

    /// <summary>When the runs grain was last told, by a clock that never steps (a wall clock set back would silence the keep-alive).</summary>
    private long _last = long.MinValue / 2;
    private Task _pending = Task.CompletedTask;
    private IngestProgress _latest = new(0, 0, "starting");
    private readonly CancellationTokenSource _stop = new();
    private Task _keepAlive = Task.CompletedTask;

    public Task StartAsync()
    {
        _keepAlive = KeepAliveAsync(_stop.Token);
        lock (_gate)
        {
            // Nothing told yet and nothing in flight: due at once.
            TellIfDue(TimeSpan.Zero);
            return _pending;
        }
    }

    /// <summary>Stops the keep-alive and waits for the report in flight, so that none arrives after the run is recorded.</summary>
    public async Task FlushAsync()
    {
        await StopKeepAliveAsync();
        await _pending;
    }

    /// <summary>The run stopped without a record (cancelled): it is no longer in progress.</summary>
    public async Task StoppedAsync()
    {
        await FlushAsync();
        try
        {
            await runs.Stopped(runId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The entry goes away by itself after five silent minutes.
        }
    }

    /// <summary>
    /// Reports may come from several threads at once (a held release's shard writes each report as they finish): the caller hears them
    /// one at a time, under a lock of its own, so that a caller slow to draw (a terminal held still) never holds up the keep-alive.
    /// </summary>
    public void Report(IngestProgress value)
    {
        lock (_callerGate) caller?.Report(value);
        lock (_gate)
        {
            _latest = value;
            TellIfDue(Every);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopKeepAliveAsync();
        _stop.Dispose();
    }

    private readonly Lock _gate = new(), _callerGate = new();

    /// <summary>Tells the latest progress when nothing was told for <paramref name="since"/> and no report is in flight (under the gate).</summary>
    private void TellIfDue(TimeSpan since)
    {
        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(_last, now) < since || !_pending.IsCompleted) return;
        _last = now;
        _pending = Tell(_latest);
    }

    private async Task KeepAliveAsync(CancellationToken ct)
    {
        // Checked twice per keep-alive; a report told within the last quarter of it stands for this tick's (a tick a moment early must
        // not skip, or the gap would be a whole keep-alive and more).
        using var timer = new PeriodicTimer(KeepAlive / 2);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                lock (_gate) TellIfDue(KeepAlive / 4);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the run is over.
        }
    }

    private async Task StopKeepAliveAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        await _keepAlive;
    }

    private async Task Tell(IngestProgress p)
    {
        try
        {
            await runs.Running(new RunProgress(runId, trigger, started, p.Phase, p.RowsRead, p.RowsTotal, DateTime.UtcNow));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The overview misses one report; the run goes on.
        }
    }
}
