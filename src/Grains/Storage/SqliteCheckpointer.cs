using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Cohort.Grains.Storage;

/// <summary>
/// Writes a SQLite store's WAL back into its file (a checkpoint) in the background, once writes have paused for <see cref="Quiet"/>
/// or a volume of bytes has been committed since the last one (<see cref="SqliteSpace.CheckpointVolume"/>: 512 MB, less for a capped
/// store), instead of in the writer after every commit that leaves more than 1,000 pages in the WAL (SQLite's default). A committed
/// transaction is durable in the WAL (synchronous=FULL syncs it); writing it back into the file is maintenance, which the writer did
/// in the middle of an ingest, copying every page a second time between its group commits. PostgreSQL's checkpointer works the same
/// way, on time or on WAL volume (max_wal_size, 1 GB by default). The checkpoint is PASSIVE: it copies what no reader still needs and
/// never blocks the writer or a reader. One that could not start (the writer's own checkpoint was running), was held back by a reader,
/// or failed is tried again, a second later and then less often. The writer's own automatic checkpoint stays as a bound
/// (<see cref="SqliteSpace.WalBound"/>) should this one fall behind.
/// </summary>
internal sealed class SqliteCheckpointer(Func<CancellationToken, Task<SqliteCheckpointer.Result>> checkpoint, ILogger? log, long volume) : IAsyncDisposable
{
    /// <summary>
    /// What <c>PRAGMA wal_checkpoint(PASSIVE)</c> answered: whether it could not start (another checkpoint was running), the frames in
    /// the WAL, and the frames of it now in the file (all of them unless a reader still needs the rest).
    /// </summary>
    public readonly record struct Result(bool Busy, long WalFrames, long InFile)
    {
        public bool Complete => !Busy && InFile >= WalFrames;
    }

    /// <summary>How long writes must pause before the WAL is written back.</summary>
    public static TimeSpan Quiet { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a checkpoint that did not complete is tried again.</summary>
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private static readonly Histogram<double> Seconds = GroupCommitGrainStorage.Meter.CreateHistogram<double>("cohort.storage.checkpoint.duration", "s",
        "SQLite WAL written back into the store's file, in the background");

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private long _lastWrite;
    private long _bytesSince;
    private bool _wroteSince;
    private Task _running = Task.CompletedTask;
    private bool _scheduled;
    private int _completed;

    /// <summary>Checkpoints that ran (for tests and the bench: the WAL has been written back when this moves after the last write).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Called after each commit with the bytes it wrote: schedules a checkpoint for when writes pause.</summary>
    public void Wrote(long bytes)
    {
        lock (_gate)
        {
            (_lastWrite, _wroteSince) = (Stopwatch.GetTimestamp(), true);
            _bytesSince += bytes;
            if (_scheduled || _stop.IsCancellationRequested) return;
            _scheduled = true;
            _running = Task.Run(RunAsync);
        }
    }

    /// <summary>
    /// The one loop that checkpoints: it waits for a pause, checkpoints, and ends only when a checkpoint completed with no write
    /// since it began; until then a write only moves its next checkpoint on, so that two never run at once.
    /// </summary>
    private async Task RunAsync()
    {
        var retry = Quiet;
        try
        {
            while (true)
            {
                await PauseAsync();
                var complete = await CheckpointAsync();
                lock (_gate)
                {
                    if (complete && !_wroteSince)
                    {
                        _scheduled = false;
                        return;
                    }
                }
                if (complete) retry = Quiet;
                else
                {
                    await Task.Delay(retry, _stop.Token);
                    retry = retry * 2 < LongestRetry ? retry * 2 : LongestRetry;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // The store is closing: whatever the last checkpoint did, closing its last connection writes the WAL back.
        }
    }

    /// <summary>Waits until writes have paused for <see cref="Quiet"/>, or the checkpointer's volume of bytes was committed.</summary>
    private async Task PauseAsync()
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                wait = _bytesSince >= volume ? TimeSpan.Zero : Quiet - Stopwatch.GetElapsedTime(_lastWrite);
                if (wait <= TimeSpan.Zero)
                {
                    (_bytesSince, _wroteSince) = (0, false);
                    return;
                }
            }
            await Task.Delay(wait, _stop.Token);
        }
    }

    /// <summary>One checkpoint; whether it wrote the whole WAL back. A failure is logged, not thrown: the WAL keeps every commit.</summary>
    private async Task<bool> CheckpointAsync()
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var result = await checkpoint(_stop.Token);
            if (result.Busy)
            {
                log?.LogDebug("WAL write-back did not start (another checkpoint was running); trying again");
                return false;
            }
            Seconds.Record(clock.Elapsed.TotalSeconds);
            Interlocked.Increment(ref _completed);
            log?.LogDebug("WAL written back: {InFile} of {WalFrames} frames in the file after {Seconds:0.000} s{Held}", result.InFile, result.WalFrames,
                clock.Elapsed.TotalSeconds, result.Complete ? "" : " (a reader still needs the rest)");
            return result.Complete;
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            log?.LogWarning("writing the WAL back into the store's file failed; trying again: {Error}", e.Message);
            return false;
        }
    }

    /// <summary>
    /// Stops checkpointing (a checkpoint under way finishes; closing the store's last connection writes the WAL back). Safe to call
    /// again: a store is disposed by each of its owners.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (_gate)
        {
            _stop.Cancel();
            running = _running;
        }
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
