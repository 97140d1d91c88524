using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Cohort.Grains.Storage;

/// <summary>
/// Grain states in PostgreSQL (distributed mode). Each group-commit batch is one transaction: a small one is sent as one Npgsql batch of
/// statements (a round trip, not one per write); a bulk one (an ingest's participants) is streamed with binary COPY into a temporary
/// table and applied by three set-based statements. Commit returns once the WAL is flushed (synchronous_commit, PostgreSQL's default),
/// so an acknowledged write survives a crash of the silo or the server. A run's staged writes are synced too (unlike SQLite's,
/// <see cref="StateWrite.Staged"/>): the server can restart while the silos and the run's runner carry on, and a staged write it lost
/// after acknowledging it would be published as missing by the run's later commit. Optimistic concurrency exactly as the SQLite store:
/// insert-if-absent, update or delete only at the expected version, and the batch reports which writes passed.
/// </summary>
public sealed class PostgresStateStore(string connectionString, ILogger? log = null) : IStateStore
{
    /// <summary>Connections per silo unless the connection string says otherwise: several silos share one server's max_connections (100 by default).</summary>
    public const int DefaultPoolSize = 20;

    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(WithPoolSize(connectionString));

    private static string WithPoolSize(string cs)
    {
        var b = new NpgsqlConnectionStringBuilder(cs);
        if (!cs.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !cs.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            b.MaxPoolSize = DefaultPoolSize;
        return b.ConnectionString;
    }

    /// <summary>
    /// Runs a store operation; driver exceptions become <see cref="Contracts.StateStoreException"/> naming the store, permanent as
    /// <see cref="IsPermanent"/> says.
    /// </summary>
    private Task<T> Guard<T>(Func<Task<T>> operation) =>
        StoreErrors.Guard<T, NpgsqlException>(Description, operation, e => e is PostgresException p ? $"{p.SqlState} {p.MessageText}" : e.Message, IsPermanent, log);

    /// <summary>
    /// Whether an error needs someone to fix the store before trying again helps: every error except those Npgsql calls transient (a
    /// lost connection, a timeout, too many connections, a lock not available), the server shutting down, restarting or starting up
    /// (57P01–57P03), and a deadlock's or serialization failure's victim (40P01, 40001). A full disk (53100) is permanent although
    /// Npgsql counts it transient: it stays full until someone frees space, as SQLite's does.
    /// </summary>
    internal static bool IsPermanent(NpgsqlException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.DiskFull }
        || !(e.IsTransient || e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "40P01" or "40001" });

    public string Description { get; } = Describe(connectionString);

    private static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>The migrations applied by this start (for the log); empty when the schema was current.</summary>
    public IReadOnlyList<int> Applied { get; private set; } = [];

    public async Task InitializeAsync(CancellationToken ct) => Applied = await Guard(() => PostgresSchema.ApplyAsync(_source, ct));

    public Task<StoredState?> ReadAsync(string type, string key, CancellationToken ct) => Guard(() => Read(type, key, ct));

    private async Task<StoredState?> Read(string type, string key, CancellationToken ct)
    {
        await using var cmd = _source.CreateCommand("SELECT data, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        cmd.Parameters.AddWithValue(type);
        cmd.Parameters.AddWithValue(key);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new StoredState((byte[])r[0], r.GetInt64(1)) : null;
    }

    public Task<Dictionary<string, StoredState>> ReadManyAsync(string type, IReadOnlyCollection<string> keys, CancellationToken ct) =>
        Guard(() => ReadMany(type, keys, ct));

    private async Task<Dictionary<string, StoredState>> ReadMany(string type, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var found = new Dictionary<string, StoredState>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0) return found;
        await using var cmd = _source.CreateCommand("SELECT grain_key, data, version FROM grain_state WHERE grain_type = $1 AND grain_key = ANY($2)");
        cmd.Parameters.AddWithValue(type);
        cmd.Parameters.AddWithValue(keys.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found[r.GetString(0)] = new StoredState((byte[])r[1], r.GetInt64(2));
        return found;
    }

    public Task<List<string>> KeysWithPrefixAsync(string type, string prefix, CancellationToken ct) => Guard(() => KeysWithPrefix(type, prefix, ct));

    private async Task<List<string>> KeysWithPrefix(string type, string prefix, CancellationToken ct)
    {
        await using var cmd = _source.CreateCommand("SELECT grain_key FROM grain_state WHERE grain_type = $1 AND starts_with(grain_key, $2) ORDER BY grain_key COLLATE \"C\"");
        cmd.Parameters.AddWithValue(type);
        cmd.Parameters.AddWithValue(prefix);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var found = new List<string>();
        while (await r.ReadAsync(ct)) found.Add(r.GetString(0));
        return found;
    }

    public Task<long> CountPrefixAsync(string type, string prefix, CancellationToken ct) => Guard(() => CountPrefix(type, prefix, ct));

    private async Task<long> CountPrefix(string type, string prefix, CancellationToken ct)
    {
        await using var cmd = _source.CreateCommand("SELECT count(*) FROM grain_state WHERE grain_type = $1 AND starts_with(grain_key, $2)");
        cmd.Parameters.AddWithValue(type);
        cmd.Parameters.AddWithValue(prefix);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public Task<long> CountAsync(string type, CancellationToken ct) => Guard(() => Count(type, ct));

    private async Task<long> Count(string type, CancellationToken ct)
    {
        await using var cmd = _source.CreateCommand("SELECT count(*) FROM grain_state WHERE grain_type = $1");
        cmd.Parameters.AddWithValue(type);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct) => Guard(() => Apply(writes, ct));

    /// <summary>Writes from which a batch goes through COPY (below it, the statements' round trip is cheaper than a temporary table).</summary>
    public const int BulkFrom = 32;

    private async Task<bool[]> Apply(IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var applied = writes.Count >= BulkFrom && DistinctGrains(writes) ? await Copy(c, writes, ct) : await Statements(c, tx, writes, ct);
        await tx.CommitAsync(ct);
        return applied;
    }

    /// <summary>Whether every write is to another grain (two writes to one grain in a batch go as statements, in order).</summary>
    private static bool DistinctGrains(IReadOnlyList<StateWrite> writes)
    {
        var seen = new HashSet<(string, string)>(writes.Count);
        foreach (var w in writes)
            if (!seen.Add((w.Type, w.Key))) return false;
        return true;
    }

    /// <summary>
    /// A bulk batch: binary COPY of every write into a temporary table dropped at commit, then one INSERT, one UPDATE and one DELETE over
    /// it, each returning which writes it applied.
    /// </summary>
    private static async Task<bool[]> Copy(NpgsqlConnection c, IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        var applied = new bool[writes.Count];
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE pending_state (ordinal integer NOT NULL, grain_type text NOT NULL, grain_key text NOT NULL, expected bigint, new_version bigint NOT NULL, data bytea) ON COMMIT DROP", c))
            await create.ExecuteNonQueryAsync(ct);
        await using (var copy = await c.BeginBinaryImportAsync("COPY pending_state (ordinal, grain_type, grain_key, expected, new_version, data) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < writes.Count; i++)
            {
                var w = writes[i];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(i, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(w.Type, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(w.Key, NpgsqlDbType.Text, ct);
                if (w.ExpectedVersion is { } e) await copy.WriteAsync(e, NpgsqlDbType.Bigint, ct);
                else await copy.WriteNullAsync(ct);
                await copy.WriteAsync(w.NewVersion, NpgsqlDbType.Bigint, ct);
                if (w.Data is { } d) await copy.WriteAsync(d, NpgsqlDbType.Bytea, ct);
                else await copy.WriteNullAsync(ct);
                // Deleting what must not exist is a no-op that passes (as in the statement path).
                if (w.Data is null && w.ExpectedVersion is null) applied[i] = true;
            }
            await copy.CompleteAsync(ct);
        }
        // Each grain appears once in the batch (DistinctGrains), so an inserted row names its write by its key.
        foreach (var sql in (string[])[
            """
            WITH inserted AS (
                INSERT INTO grain_state (grain_type, grain_key, version, data)
                SELECT grain_type, grain_key, new_version, data FROM pending_state WHERE expected IS NULL AND data IS NOT NULL
                ON CONFLICT DO NOTHING RETURNING grain_type, grain_key)
            SELECT p.ordinal FROM inserted JOIN pending_state p USING (grain_type, grain_key)
            """,
            """
            UPDATE grain_state g SET version = p.new_version, data = p.data, written_at = now() FROM pending_state p
            WHERE p.expected IS NOT NULL AND p.data IS NOT NULL AND g.grain_type = p.grain_type AND g.grain_key = p.grain_key AND g.version = p.expected
            RETURNING p.ordinal
            """,
            """
            DELETE FROM grain_state g USING pending_state p
            WHERE p.expected IS NOT NULL AND p.data IS NULL AND g.grain_type = p.grain_type AND g.grain_key = p.grain_key AND g.version = p.expected
            RETURNING p.ordinal
            """])
        {
            await using var cmd = new NpgsqlCommand(sql, c);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) applied[r.GetInt32(0)] = true;
        }
        return applied;
    }

    /// <summary>A small batch: one statement per write, sent as one Npgsql batch.</summary>
    private static async Task<bool[]> Statements(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        var applied = new bool[writes.Count];
        await using var batch = new NpgsqlBatch(c, tx);
        var commandOf = new int[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var w = writes[i];
            NpgsqlBatchCommand cmd;
            if (w.Data is null)
            {
                if (w.ExpectedVersion is not { } e) { applied[i] = true; commandOf[i] = -1; continue; }
                cmd = new NpgsqlBatchCommand("DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND version = $3");
                cmd.Parameters.AddWithValue(w.Type);
                cmd.Parameters.AddWithValue(w.Key);
                cmd.Parameters.AddWithValue(e);
            }
            else if (w.ExpectedVersion is { } expected)
            {
                cmd = new NpgsqlBatchCommand("UPDATE grain_state SET version = $3, data = $4, written_at = now() WHERE grain_type = $1 AND grain_key = $2 AND version = $5");
                cmd.Parameters.AddWithValue(w.Type);
                cmd.Parameters.AddWithValue(w.Key);
                cmd.Parameters.AddWithValue(w.NewVersion);
                cmd.Parameters.AddWithValue(NpgsqlDbType.Bytea, w.Data.Value);
                cmd.Parameters.AddWithValue(expected);
            }
            else
            {
                cmd = new NpgsqlBatchCommand("INSERT INTO grain_state (grain_type, grain_key, version, data) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
                cmd.Parameters.AddWithValue(w.Type);
                cmd.Parameters.AddWithValue(w.Key);
                cmd.Parameters.AddWithValue(w.NewVersion);
                cmd.Parameters.AddWithValue(NpgsqlDbType.Bytea, w.Data.Value);
            }
            commandOf[i] = batch.BatchCommands.Count;
            batch.BatchCommands.Add(cmd);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        for (var i = 0; i < writes.Count; i++)
            if (commandOf[i] >= 0) applied[i] = batch.BatchCommands[commandOf[i]].RecordsAffected == 1;
        return applied;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
