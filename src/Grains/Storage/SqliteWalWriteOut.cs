using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Cohort.Grains.Storage;

/// <summary>
/// Starts the write-out of a SQLite store's WAL to disk in the background while a run commits its staged writes unsynced
/// (<see cref="StateWrite.Staged"/>), each time <see cref="Volume"/> bytes of them have been committed since the last start. Without it
/// the operating system kept every page the run wrote until the run's synced commit record wrote them all out: at 100k participants
/// about 400 MB, 0.50–0.64 s on this machine, on the run's critical path between its last write and its publication. Started early,
/// the write-out overlaps the run's work, and the commit record's sync took 0.30–0.39 s: what is left is the last pages and the disk
/// flushing its own cache, which only a sync does (syncing ahead instead, every 32 or 128 MB, left the commit 0.06 s, but whole runs
/// were no faster than without it). Linux's <c>sync_file_range(SYNC_FILE_RANGE_WRITE)</c> starts writing a file's dirty pages and
/// returns without waiting for them, as RocksDB's <c>bytes_per_sync</c> and PostgreSQL's <c>checkpoint_flush_after</c> use it.
/// Durability does not change: nothing here is a sync, the commit record's is still the one that counts, and a start that fails is
/// only logged. The WAL is opened, written out and closed each time (SQLite locks the database and its shared-memory file, not the
/// WAL, so closing a descriptor of the WAL releases none of its locks). Elsewhere than Linux the commit record's sync does it all.
/// </summary>
internal sealed class SqliteWalWriteOut(string walPath, ILogger? log, long volume = SqliteWalWriteOut.Volume) : IAsyncDisposable
{
    /// <summary>Unsynced bytes committed that bring a write-out of the WAL.</summary>
    public const long Volume = 32L << 20;

    /// <summary>Whether this system can start a file's write-out without waiting for it (Linux).</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    private const uint SyncFileRangeWrite = 2;

    // DllImport rather than LibraryImport: the generated marshalling needs the assembly compiled with unsafe code, for one call.
    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static extern int SyncFileRange(SafeHandle fd, long offset, long bytes, uint flags);

    private readonly Lock _gate = new();
    private long _unsynced;
    private bool _stopped;
    private Task _running = Task.CompletedTask;
    private int _started;

    /// <summary>Write-outs started (read by the tests).</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>
    /// Called after each commit with the bytes it wrote and whether the commit synced the WAL itself (which leaves nothing unsynced);
    /// starts a write-out when unsynced bytes reach the volume and none is under way.
    /// </summary>
    public void Committed(long bytes, bool synced)
    {
        lock (_gate)
        {
            if (synced)
            {
                _unsynced = 0;
                return;
            }
            _unsynced += bytes;
            if (_unsynced < volume || !_running.IsCompleted || _stopped) return;
            _unsynced = 0;
            _running = Task.Run(WriteOut);
        }
    }

    private void WriteOut()
    {
        try
        {
            using var wal = File.OpenHandle(walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // Offset 0 and 0 bytes: the whole file, as long as it is.
            if (SyncFileRange(wal, 0, 0, SyncFileRangeWrite) != 0)
                throw new IOException($"sync_file_range on {walPath} failed with error {Marshal.GetLastPInvokeError()}");
            Interlocked.Increment(ref _started);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log?.LogDebug("starting the WAL's write-out ahead of the run's commit failed (the commit record's sync will write it): {Error}", e.Message);
        }
    }

    /// <summary>Stops starting write-outs; one under way finishes first. Safe to call again.</summary>
    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (_gate)
        {
            _stopped = true;
            running = _running;
        }
        await running;
    }
}
