namespace Cohort.Grains.Storage;

/// <summary>
/// How a SQLite store's disk space is shared between its file and its WAL. SQLite's page cap (max_page_count) counts the file's pages
/// only, and the WAL keeps a copy of every page committed since the last checkpoint, so a store capped at 16 MB and rewritten without a
/// pause kept its file under the cap while its WAL grew to 241 MB. With a cap (<see cref="StorageOptions.SqliteMaxMegabytes"/>) the WAL
/// is given an eighth of it, and the file the rest: the writer checkpoints by itself once the WAL holds its share, the background
/// checkpointer once half of it has been committed, and a WAL that grew past its share while a reader held it back is cut back to it
/// when it next starts over. The WAL can still pass its share by one transaction's pages (SQLite checkpoints after the commit that
/// crossed it), or for as long as a reader holds an old snapshot. Without a cap, the bounds are those of an ingest at a million
/// participants (<see cref="SqliteCheckpointer"/>).
/// </summary>
/// <param name="FileBytes">The most the file may hold (null: as much as the disk allows).</param>
/// <param name="WalBound">The WAL size at which the writer checkpoints by itself (SQLite's wal_autocheckpoint, in bytes of pages).</param>
/// <param name="CheckpointVolume">Bytes committed since the last checkpoint that bring the background one forward, pause or not.</param>
/// <param name="WalKept">The size a WAL file is cut back to when it starts over (SQLite's journal_size_limit).</param>
internal readonly record struct SqliteSpace(long? FileBytes, long WalBound, long CheckpointVolume, long WalKept)
{
    /// <summary>The bounds of a store without a cap.</summary>
    public static SqliteSpace Uncapped { get; } = new(null, 1L << 30, 512L << 20, 64L << 20);

    /// <summary>The bounds of a store whose file and WAL together are to stay within <paramref name="capBytes"/> (null: no cap).</summary>
    public static SqliteSpace For(long? capBytes)
    {
        if (capBytes is not { } cap) return Uncapped;
        if (cap <= 0) throw new ArgumentOutOfRangeException(nameof(capBytes), cap, "a store's cap must be a positive number of bytes");
        var wal = Math.Min(cap / 8, Uncapped.WalBound);
        return new SqliteSpace(cap - wal, wal, Math.Min(wal / 2, Uncapped.CheckpointVolume), Math.Min(wal, Uncapped.WalKept));
    }
}
