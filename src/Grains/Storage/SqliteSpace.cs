namespace Cohort.Grains.Storage;

/// <summary>
/// How a SQLite store's disk space is shared between its file and its WAL. SQLite's page cap (max_page_count) counts the file's pages
/// only, and the WAL keeps a copy of every page committed since the last checkpoint, so a store capped at 16 MB and rewritten without a
/// pause kept its file under the cap while its WAL grew to 241 MB. With a cap (<see cref="StorageOptions.SqliteMaxMegabytes"/>) the WAL
/// is given an eighth of it, and the file the rest: the writer checkpoints by itself once the WAL holds its share, the background
/// checkpointer once half of it has been committed, and a WAL that grew past its share while a reader held it back is cut back to it
/// when it next starts over. The WAL can still pass its share by one transaction's pages (SQLite checkpoints after the commit that
/// crossed it), or for as long as a reader holds an old snapshot. The WAL's index, the <c>-shm</c> file beside it (32 KB for every
/// 4,096 frames the WAL has held, kept at its largest while the store is open), is given what a WAL of its share needs, taken from
/// the file's. Without a cap, the bounds are those of an ingest at a million participants (<see cref="SqliteCheckpointer"/>).
/// </summary>
/// <param name="FileBytes">The most the file may hold (null: as much as the disk allows).</param>
/// <param name="WalBound">The WAL size at which the writer checkpoints by itself (SQLite's wal_autocheckpoint, in bytes of pages).</param>
/// <param name="CheckpointVolume">Bytes committed since the last checkpoint that bring the background one forward, pause or not.</param>
/// <param name="WalKept">The size a WAL file is cut back to when it starts over (SQLite's journal_size_limit).</param>
internal readonly record struct SqliteSpace(long? FileBytes, long WalBound, long CheckpointVolume, long WalKept)
{
    /// <summary>The bounds of a store without a cap.</summary>
    public static SqliteSpace Uncapped { get; } = new(null, 1L << 30, 512L << 20, 64L << 20);

    /// <summary>
    /// The bounds of a store of <paramref name="pageSize"/>-byte pages whose file, WAL and WAL index together are to stay within
    /// <paramref name="capBytes"/> (null: no cap).
    /// </summary>
    public static SqliteSpace For(long? capBytes, long pageSize)
    {
        if (capBytes is not { } cap) return Uncapped;
        if (cap <= 0) throw new ArgumentOutOfRangeException(nameof(capBytes), cap, "a store's cap must be a positive number of bytes");
        var wal = Math.Min(cap / 8, Uncapped.WalBound);
        return new SqliteSpace(cap - wal - IndexBytes(wal, pageSize), wal, Math.Min(wal / 2, Uncapped.CheckpointVolume), Math.Min(wal, Uncapped.WalKept));
    }

    /// <summary>
    /// The size of the index (<c>-shm</c>) of a WAL of <paramref name="walBytes"/>, a frame being a page and its 24-byte header: in
    /// SQLite's wal-index format a 32 KB block indexes 4,096 frames, the first 34 fewer (it holds the index's headers).
    /// </summary>
    public static long IndexBytes(long walBytes, long pageSize) => (walBytes / (pageSize + 24) + 34 + 4095) / 4096 * IndexBlock;

    private const long IndexBlock = 32L << 10;
}
