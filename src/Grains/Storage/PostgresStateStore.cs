using Npgsql;
using NpgsqlTypes;

namespace Cohort.Grains.Storage;

/// <summary>
/// Grain states in PostgreSQL (distributed mode). Each group-commit batch is one transaction sent as one Npgsql batch (a round trip,
/// not one per write); commit returns once the WAL is flushed (synchronous_commit, PostgreSQL's default), so an acknowledged write
/// survives a crash of the silo or the server. Optimistic concurrency exactly as the SQLite store: insert-if-absent, update or delete
/// only at the expected version, and the batch reports which writes passed.
/// </summary>
public sealed class PostgresStateStore(string connectionString) : IStateStore
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

    /// <summary>Runs a store operation; driver exceptions become <see cref="Contracts.StateStoreException"/> naming the store.</summary>
    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (NpgsqlException e)
        {
            throw new Contracts.StateStoreException($"{Description}: {(e is PostgresException p ? $"{p.SqlState} {p.MessageText}" : e.Message)}");
        }
    }

    public string Description
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
        }
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

    public Task<long> CountAsync(string type, CancellationToken ct) => Guard(() => Count(type, ct));

    private async Task<long> Count(string type, CancellationToken ct)
    {
        await using var cmd = _source.CreateCommand("SELECT count(*) FROM grain_state WHERE grain_type = $1");
        cmd.Parameters.AddWithValue(type);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct) => Guard(() => Apply(writes, ct));

    private async Task<bool[]> Apply(IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        var applied = new bool[writes.Count];
        await using var c = await _source.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
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
                cmd.Parameters.AddWithValue(NpgsqlDbType.Bytea, w.Data);
                cmd.Parameters.AddWithValue(expected);
            }
            else
            {
                cmd = new NpgsqlBatchCommand("INSERT INTO grain_state (grain_type, grain_key, version, data) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
                cmd.Parameters.AddWithValue(w.Type);
                cmd.Parameters.AddWithValue(w.Key);
                cmd.Parameters.AddWithValue(w.NewVersion);
                cmd.Parameters.AddWithValue(NpgsqlDbType.Bytea, w.Data);
            }
            commandOf[i] = batch.BatchCommands.Count;
            batch.BatchCommands.Add(cmd);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        for (var i = 0; i < writes.Count; i++)
            if (commandOf[i] >= 0) applied[i] = batch.BatchCommands[commandOf[i]].RecordsAffected == 1;
        await tx.CommitAsync(ct);
        return applied;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
