namespace Cohort.Grains.Storage;

/// <summary>
/// A write (or, with null data, a delete) conditional on the stored version: null <see cref="ExpectedVersion"/> means the row must
/// not exist yet. The data may be a slice of a larger buffer (<see cref="StateBuffer"/>): a store copies it before the write is
/// acknowledged, and keeps no reference to it after.
/// </summary>
/// <param name="Staged">
/// A run's staged write (a participant's state or a shard's log segment written while the run is open): it must be durable by the time
/// the run's commit record is, not before. The SQLite store commits a transaction of staged writes without syncing it to disk: its WAL
/// is one ordered file, so the synced commit of the run's commit record (not staged) makes every staged write before it durable with
/// it. Only a crash of the operating system or a power cut loses an unsynced tail, and that ends the silo with it: at the next start
/// the open run is abandoned (its runner's silo is gone, or it named none), so nothing staged and lost is ever published. A process
/// kill loses nothing (the operating system holds the pages). PostgreSQL syncs
/// every transaction (<see cref="PostgresStateStore"/> says why).
/// </param>
public sealed record StateWrite(string Type, string Key, long? ExpectedVersion, long NewVersion, ReadOnlyMemory<byte>? Data, bool Staged = false)
{
    /// <summary>Whether a transaction of <paramref name="writes"/> must be synced at its commit: unless every one of them is staged.</summary>
    public static bool SyncAtCommit(IReadOnlyList<StateWrite> writes)
    {
        foreach (var w in writes)
            if (!w.Staged) return true;
        return false;
    }
}
