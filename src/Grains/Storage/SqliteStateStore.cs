using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cohort.Grains.Storage;

/// <summary>
/// Grain states in one SQLite file (WAL). A committed transaction survives a process kill; it survives a power cut too (synchronous=FULL)
/// unless all its writes are a run's staged writes, which the run's synced commit record makes durable with it (synchronous=NORMAL
/// for them: <see cref="StateWrite.Staged"/>); while a run commits them, the WAL's write-out to disk is started ahead of its commit
/// record (<see cref="SqliteWalWriteOut"/>), so that the record's sync does not wait for all of them.
/// Writes go through one connection, one transaction per group-commit batch; reads use pooled connections and run beside writes. The
/// WAL is written back into the file in the background when writes pause (<see cref="SqliteCheckpointer"/>). With
/// <paramref name="maxBytes"/> the file and its WAL together grow no larger than that (<see cref="SqliteSpace"/>): a write that needs
/// more fails as a full disk does, permanently (<see cref="Contracts.StateStoreException.Permanent"/>), and what was stored before it
/// stays as it was.
/// </summary>
public sealed class SqliteStateStore(string path, ILogger? log = null, long? maxBytes = null, long walWriteOutVolume = SqliteWalWriteOut.Volume) : IStateStore
{
    /// <summary>How this store's connections are opened (pooled: a connection with the same string comes from the same pool).</summary>
    internal string ConnectionString { get; } = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private SqliteConnection? _writer;

    private SqliteCheckpointer? _checkpointer;

    private SqliteWalWriteOut? _walWriteOut;

    /// <summary>Write-outs of the WAL started ahead of a run's commit record since the store was opened (<see cref="SqliteWalWriteOut"/>).</summary>
    internal int WalWriteOuts => _walWriteOut?.Started ?? 0;

    /// <summary>Background checkpoints completed since the store was opened (<see cref="SqliteCheckpointer"/>).</summary>
    public int Checkpoints => _checkpointer?.Completed ?? 0;

    public string Description => $"SQLite {path}";

    /// <summary>
    /// Runs a store operation; SQLite's exceptions become <see cref="Contracts.StateStoreException"/> naming the store, permanent unless
    /// the database was busy or locked past the timeout, the operation was interrupted, an I/O call failed or the WAL's locking protocol
    /// failed (the file damaged, read-only or full needs someone to fix it).
    /// </summary>
    private Task<T> Guard<T>(Func<Task<T>> operation) =>
        StoreErrors.Guard<T, SqliteException>(Description, operation, e => e.Message, e => e.SqliteErrorCode is not (Busy or Locked or Interrupted or IoError or Protocol), log);

    private const int Busy = 5, Locked = 6, Interrupted = 9, IoError = 10, Protocol = 15;

    public Task InitializeAsync(CancellationToken ct) => Guard(async () =>
    {
        await Initialize(ct);
        return true;
    });

    private async Task Initialize(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // An opening that failed before is tried again (StoreOpening): its connection is closed, not left to the pool to reclaim.
        if (_writer is not null) ClosePooled(_writer);
        _writer = OpenPooled();
        // 16 KB pages for a new store (an existing one keeps its own): a participant's state is about 2.7 KB, so at SQLite's default
        // of 4 KB each took a page to itself, a third of it empty, and every page is written twice (the WAL, then the file). A 100k
        // ingest wrote 1.07 GB for a 514 MB file; with 16 KB pages the file is 396 MB and the run about a fifth faster (README).
        await ExecuteAsync(_writer, """
            PRAGMA page_size = 16384;
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA busy_timeout = 30000;
            """, ct);
        Syncing = true;
        // The writer checkpoints by itself only past a bound; below it, the background checkpointer writes the WAL back when writes
        // pause. A WAL file grown by a large ingest is cut back when it next starts over. A cap is shared between the file and the WAL.
        SqliteSpace space;
        await using (var size = _writer.CreateCommand())
        {
            size.CommandText = "PRAGMA page_size";
            var pageSize = (long)(await size.ExecuteScalarAsync(ct))!;
            space = SqliteSpace.For(maxBytes, pageSize);
            await ExecuteAsync(_writer, $"PRAGMA wal_autocheckpoint = {Math.Max(1, space.WalBound / pageSize)}; PRAGMA journal_size_limit = {space.WalKept};", ct);
            // Only the writer adds pages (a checkpoint copies pages the writer already counted). SQLite keeps a file already larger than
            // its share of the cap as it is, and refuses any write that would grow it.
            if (space.FileBytes is { } file) await ExecuteAsync(_writer, $"PRAGMA max_page_count = {Math.Max(1, file / pageSize)};", ct);
        }
        _checkpointer ??= new SqliteCheckpointer(Checkpoint, log, space.CheckpointVolume);
        if (SqliteWalWriteOut.Supported) _walWriteOut ??= new SqliteWalWriteOut(Path.GetFullPath(path) + "-wal", log, walWriteOutVolume);
        var migrated = false;
        await using var tx = _writer.BeginTransaction();
        await using (var schema = _writer.CreateCommand())
        {
            schema.Transaction = tx;
            schema.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'grain_state'";
            if (await schema.ExecuteScalarAsync(ct) is string sql && sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase))
            {
                // Stores created before 2 December 2026 keyed the rows themselves (WITHOUT ROWID). Every key comparison in such a
                // b-tree reads the whole row it compares with when the row overflows its page, so finding one 50 MB shard base read
                // several of its neighbours too (1.4 s a shard at a million participants), and every participant write paid the same
                // in small. Rows now live in a rowid table and the key in an index; the rows are copied once, in this transaction.
                schema.CommandText = "ALTER TABLE grain_state RENAME TO grain_state_keyed";
                await schema.ExecuteNonQueryAsync(ct);
                migrated = true;
            }
        }
        await using (var create = _writer.CreateCommand())
        {
            create.Transaction = tx;
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS grain_state (
                    grain_type TEXT NOT NULL,
                    grain_key  TEXT NOT NULL,
                    version    INTEGER NOT NULL,
                    data       BLOB NOT NULL
                );
                CREATE UNIQUE INDEX IF NOT EXISTS grain_state_key ON grain_state (grain_type, grain_key);
                """;
            await create.ExecuteNonQueryAsync(ct);
            if (migrated)
            {
                create.CommandText = """
                    INSERT INTO grain_state (grain_type, grain_key, version, data) SELECT grain_type, grain_key, version, data FROM grain_state_keyed;
                    DROP TABLE grain_state_keyed;
                    """;
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        // The copy went through the WAL, which is as large as the store now: write it back and give its space back to the disk.
        if (migrated) await ExecuteAsync(_writer, "PRAGMA wal_checkpoint(TRUNCATE)", ct);
    }

    /// <summary>
    /// Held while a pooled connection of this process is opened or closed. Microsoft.Data.Sqlite's pool (10.0) marks a connection in
    /// use a moment before it records its owner, and a moment after it forgets it on return; another thread that finds the pool empty
    /// in that moment takes the connection for a leaked one, returns it to the pool and may open it again, so that two owners share one
    /// SQLite connection. A restarted silo's shards, replaying their logs at once, met that after a kill (about one run in ten of the
    /// end-to-end kill test): one reader's transaction was still open when another began its own ("cannot start a transaction within a
    /// transaction"). Opening and closing are short; reads and writes run outside the lock.
    /// </summary>
    private static readonly Lock PoolGate = new();

    private SqliteConnection OpenPooled()
    {
        var c = new SqliteConnection(ConnectionString);
        try
        {
            lock (PoolGate) c.Open();
            return c;
        }
        catch
        {
            ClosePooled(c);
            throw;
        }
    }

    private static void ClosePooled(SqliteConnection c)
    {
        lock (PoolGate) c.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a pooled reader connection, taken and given back under <see cref="PoolGate"/>, with SQLite's
    /// errors wrapped (<see cref="Guard"/>); Microsoft.Data.Sqlite retries a busy database for the command timeout (30 s). A connection
    /// that comes from the pool still inside a transaction (one leaked by its owner and taken back by the pool as it was) is rolled back
    /// first: it would read that transaction's old snapshot, and refuse the read transaction of <see cref="ReadManyAsync"/>.
    /// </summary>
    private Task<T> Reading<T>(Func<SqliteConnection, Task<T>> read, CancellationToken ct) => Guard(async () =>
    {
        var c = OpenPooled();
        try
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(c.Handle) == 0)
            {
                // Repaired here, but whoever left it open has a bug to find: say so.
                log?.LogWarning("{Store}: a pooled connection came back inside a transaction its owner never ended; rolled back before reading", Description);
                await ExecuteAsync(c, "ROLLBACK", ct);
            }
            return await read(c);
        }
        finally
        {
            ClosePooled(c);
        }
    });

    public Task<StoredState?> ReadAsync(string type, string key, CancellationToken ct) => Reading(c => Read(c, type, key, ct), ct);

    private static async Task<StoredState?> Read(SqliteConnection c, string type, string key, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT data, version FROM grain_state WHERE grain_type = $t AND grain_key = $k";
        cmd.Parameters.AddWithValue("$t", type);
        cmd.Parameters.AddWithValue("$k", key);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new StoredState((byte[])r[0], r.GetInt64(1)) : null;
    }

    /// <summary>Keys per statement of <see cref="ReadManyAsync"/> (SQLite allows 32,766 parameters).</summary>
    private const int KeysPerRead = 500;

    /// <summary>Many keys on one connection in one read transaction (one snapshot), up to <see cref="KeysPerRead"/> per statement.</summary>
    public Task<Dictionary<string, StoredState>> ReadManyAsync(string type, IReadOnlyCollection<string> keys, CancellationToken ct) =>
        keys.Count == 0 ? Task.FromResult(new Dictionary<string, StoredState>(StringComparer.Ordinal)) : Reading(c => ReadMany(c, type, keys, ct), ct);

    private static async Task<Dictionary<string, StoredState>> ReadMany(SqliteConnection c, string type, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var found = new Dictionary<string, StoredState>(keys.Count, StringComparer.Ordinal);
        await using var tx = c.BeginTransaction(deferred: true);
        foreach (var chunk in keys.Chunk(KeysPerRead))
        {
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT grain_key, data, version FROM grain_state WHERE grain_type = $t AND grain_key IN ({string.Join(", ", chunk.Select((_, i) => $"$k{i}"))})";
            cmd.Parameters.AddWithValue("$t", type);
            for (var i = 0; i < chunk.Length; i++) cmd.Parameters.AddWithValue($"$k{i}", chunk[i]);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) found[r.GetString(0)] = new StoredState((byte[])r[1], r.GetInt64(2));
        }
        return found;
    }

    public Task<List<string>> KeysWithPrefixAsync(string type, string prefix, CancellationToken ct) =>
        Reading(c => KeysWithPrefix(c, type, prefix, ct), ct);

    private static async Task<List<string>> KeysWithPrefix(SqliteConnection c, string type, string prefix, CancellationToken ct)
    {
        await using var cmd = PrefixCommand(c, "grain_key", type, prefix);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var found = new List<string>();
        while (await r.ReadAsync(ct)) found.Add(r.GetString(0));
        return found;
    }

    public Task<long> CountPrefixAsync(string type, string prefix, CancellationToken ct) => Reading(c => CountPrefix(c, type, prefix, ct), ct);

    private static async Task<long> CountPrefix(SqliteConnection c, string type, string prefix, CancellationToken ct)
    {
        await using var cmd = PrefixCommand(c, "count(*)", type, prefix);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// A range over the key index (SQLite compares text as bytes), not a scan of the type; an empty prefix, every key of the type.
    /// Prefixes end in an ASCII character.
    /// </summary>
    private static SqliteCommand PrefixCommand(SqliteConnection c, string columns, string type, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0 && prefix[^1] >= 0x7f) throw new ArgumentException($"a key prefix must end in an ASCII character: '{prefix}'");
        var cmd = c.CreateCommand();
        cmd.CommandText = prefix.Length == 0
            ? $"SELECT {columns} FROM grain_state WHERE grain_type = $t ORDER BY grain_key"
            : $"SELECT {columns} FROM grain_state WHERE grain_type = $t AND grain_key >= $p AND grain_key < $q AND substr(grain_key, 1, length($p)) = $p ORDER BY grain_key";
        cmd.Parameters.AddWithValue("$t", type);
        if (prefix.Length == 0) return cmd;
        cmd.Parameters.AddWithValue("$p", prefix);
        cmd.Parameters.AddWithValue("$q", prefix[..^1] + (char)(prefix[^1] + 1));
        return cmd;
    }

    public Task<long> CountAsync(string type, CancellationToken ct) => Reading(c => Count(c, type, ct), ct);

    private static async Task<long> Count(SqliteConnection c, string type, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM grain_state WHERE grain_type = $t";
        cmd.Parameters.AddWithValue("$t", type);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct) => Guard(() => Task.FromResult(Apply(writes)));

    private bool[] Apply(IReadOnlyList<StateWrite> writes)
    {
        var c = _writer ?? throw new InvalidOperationException("the store is not initialised");
        var applied = new bool[writes.Count];
        Synchronous(c, StateWrite.SyncAtCommit(writes));
        using var tx = c.BeginTransaction();
        using var insert = new SqliteStatement(c, "INSERT INTO grain_state (grain_type, grain_key, version, data) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
        using var update = new SqliteStatement(c, "UPDATE grain_state SET version = ?3, data = ?4 WHERE grain_type = ?1 AND grain_key = ?2 AND version = ?5");
        using var delete = new SqliteStatement(c, "DELETE FROM grain_state WHERE grain_type = ?1 AND grain_key = ?2 AND version = ?3");
        long bytes = 0;
        for (var i = 0; i < writes.Count; i++)
        {
            var w = writes[i];
            bytes += (w.Data?.Length ?? 0) + w.Key.Length + w.Type.Length;
            if (w.Data is not { } data)
            {
                if (w.ExpectedVersion is not { } e) { applied[i] = true; continue; }
                applied[i] = delete.Text(1, w.Type).Text(2, w.Key).Integer(3, e).Execute() == 1;
            }
            else if (w.ExpectedVersion is { } expected)
                applied[i] = update.Text(1, w.Type).Text(2, w.Key).Integer(3, w.NewVersion).Blob(4, data).Integer(5, expected).Execute() == 1;
            else
                applied[i] = insert.Text(1, w.Type).Text(2, w.Key).Integer(3, w.NewVersion).Blob(4, data).Execute() == 1;
        }
        tx.Commit();
        _checkpointer?.Wrote(bytes);
        _walWriteOut?.Committed(bytes, Syncing);
        return applied;
    }

    /// <summary>Whether the writer connection syncs the WAL at a commit now (as its last transaction did; from its opening until then, it does).</summary>
    internal bool Syncing { get; private set; } = true;

    /// <summary>
    /// Sets whether the writer's next commit syncs the WAL (FULL) or leaves it to the operating system (NORMAL); the setting is the
    /// connection's, changed between transactions only when it differs. NORMAL still syncs the WAL before every checkpoint.
    /// </summary>
    private void Synchronous(SqliteConnection c, bool sync)
    {
        if (Syncing == sync) return;
        using var cmd = c.CreateCommand();
        cmd.CommandText = sync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
        cmd.ExecuteNonQuery();
        Syncing = sync;
    }

    /// <summary>
    /// A PASSIVE checkpoint on a pooled connection: it never waits for the writer or a reader. SQLite answers whether it could not start
    /// (busy), the frames in the WAL, and the frames of it now in the file.
    /// </summary>
    private Task<SqliteCheckpointer.Result> Checkpoint(CancellationToken ct) => Reading(async c =>
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new SqliteCheckpointer.Result(r.GetInt64(0) != 0, r.GetInt64(1), r.GetInt64(2)) : default;
    }, ct);

    private static async Task ExecuteAsync(SqliteConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_checkpointer is not null) await _checkpointer.DisposeAsync();
        if (_walWriteOut is not null) await _walWriteOut.DisposeAsync();
        if (_writer is not null) ClosePooled(_writer);
        // Only this store's pooled connections: clearing every pool would dispose connections other stores in the process are using.
        // Closing the last connection writes the WAL back into the file.
        using var mine = new SqliteConnection(ConnectionString);
        lock (PoolGate) SqliteConnection.ClearPool(mine);
    }
}
