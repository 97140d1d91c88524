using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Cohort.Grains.Storage;

/// <summary>
/// Writes a SQLite store's WAL back into its file (a checkpoint) in the background, once writes have paused for <see cref="Quiet"/>
/// or <see cref="Volume"/> bytes have been committed since the last one, instead of in the writer after every commit that leaves more
/// than 1,000 pages in the WAL (SQLite's default). A committed transaction is durable in the WAL (synchronous=FULL syncs it); writing
/// it back into the file is maintenance, which the writer did in the middle of an ingest, copying every page a second time between its
/// group commits. PostgreSQL's checkpointer works the same way, on time or on WAL volume (max_wal_size, 1 GB by default). The checkpoint
/// is PASSIVE: it copies what no reader still needs and never blocks the writer or a reader. The writer's own automatic checkpoint
/// stays as a bound (<see cref="WriterBoundBytes"/>) should this one fall behind or fail.
/// </summary>
internal sealed class SqliteCheckpointer(Func<CancellationToken, Task<SqliteCheckpointer.Result>> checkpoint, ILogger? log) : IAsyncDisposable
{
    /// <summary>What one checkpoint did: frames in the WAL, frames written back, and whether a reader kept it from finishing.</summary>
    public readonly record struct Result(bool Busy, long WalFrames, long WrittenBack);

    /// <summary>How long writes must pause before the WAL is written back.</summary>
    public static TimeSpan Quiet { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Bytes committed since the last checkpoint that bring the next one forward, pause or not.</summary>
    public const long Volume = 512L << 20;

    /// <summary>The WAL size at which the writer checkpoints by itself (SQLite's wal_autocheckpoint, in bytes of pages).</summary>
    public const long WriterBoundBytes = 1L << 30;

    private static readonly Meter Meter = new("Cohort.Storage");
    private static readonly Histogram<double> Seconds = Meter.CreateHistogram<double>("cohort.storage.checkpoint.duration", "s",
        "SQLite WAL written back into the store's file, in the background");
    private static readonly Counter<long> Frames = Meter.CreateCounter<long>("cohort.storage.checkpoint.frames", description: "WAL frames written back");

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private long _lastWrite;
    private long _bytesSince;
    private Task _running = Task.CompletedTask;
    private bool _scheduled;

    /// <summary>Checkpoints completed (for tests and the bench: the WAL has been written back when this moves after the last write).</summary>
    public int Completed => Volatile.Read(ref _completed);
    private int _completed;

    /// <summary>Called after each commit with the bytes it wrote: schedules a checkpoint for when writes pause.</summary>
    public void Wrote(long bytes)
    {
        lock (_gate)
        {
            _lastWrite = Stopwatch.GetTimestamp();
            _bytesSince += bytes;
            if (_scheduled || _stop.IsCancellationRequested) return;
            _scheduled = true;
            // A checkpoint still running when the next is scheduled is waited for too when the store closes.
            var next = Task.Run(RunAsync);
            _running = _running.IsCompleted ? next : Task.WhenAll(_running, next);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    wait = _bytesSince >= Volume ? TimeSpan.Zero : Quiet - Stopwatch.GetElapsedTime(_lastWrite);
                    if (wait <= TimeSpan.Zero)
                    {
                        // Writes from here on schedule the next checkpoint.
                        (_scheduled, _bytesSince) = (false, 0);
                        break;
                    }
                }
                await Task.Delay(wait, _stop.Token);
            }
            var clock = Stopwatch.StartNew();
            var result = await checkpoint(_stop.Token);
            Seconds.Record(clock.Elapsed.TotalSeconds);
            Frames.Add(result.WrittenBack);
            Interlocked.Increment(ref _completed);
            log?.LogDebug("WAL written back: {Frames} of {WalFrames} frames in {Seconds:0.000} s{Busy}", result.WrittenBack, result.WalFrames,
                clock.Elapsed.TotalSeconds, result.Busy ? " (a reader kept the rest)" : "");
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Not fatal: the WAL keeps every commit, and the next checkpoint (or the writer's own, at its bound) writes it back.
            lock (_gate) _scheduled = false;
            log?.LogWarning("writing the WAL back into the store's file failed; the next checkpoint tries again: {Error}", e.Message);
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
