using Npgsql;

namespace Cohort.Grains.Storage;

/// <summary>
/// Cohort's own PostgreSQL schema as numbered migrations, applied at start-up in order and exactly once: under a transaction-scoped
/// advisory lock, so silos starting together apply each migration once and the others wait, then find it recorded in
/// <c>cohort_schema_version</c>. A migration is never edited once released; changes are new migrations.
/// </summary>
public static class PostgresSchema
{
    /// <summary>An arbitrary, fixed key for pg_advisory_xact_lock ("cohort" in ASCII).</summary>
    private const long LockKey = 0x636F686F7274;

    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "grain states: one row per grain and state name, versioned for optimistic concurrency", """
            CREATE TABLE grain_state (
                grain_type text   NOT NULL,
                grain_key  text   NOT NULL,
                version    bigint NOT NULL,
                data       bytea  NOT NULL,
                PRIMARY KEY (grain_type, grain_key)
            );
            """),
        (2, "when each state was last written, for operators and backups", """
            ALTER TABLE grain_state ADD COLUMN written_at timestamptz NOT NULL DEFAULT now();
            """),
    ];

    public static int Latest => Migrations[^1].Version;

    /// <summary>Applies the missing migrations; returns the versions this call applied (empty when the schema was current).</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        await using var c = await source.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await Execute(c, tx, $"SELECT pg_advisory_xact_lock({LockKey})", ct);
        await Execute(c, tx, """
            CREATE TABLE IF NOT EXISTS cohort_schema_version (
                version     integer     PRIMARY KEY,
                description text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """, ct);
        var applied = new HashSet<int>();
        await using (var cmd = new NpgsqlCommand("SELECT version FROM cohort_schema_version", c, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) applied.Add(r.GetInt32(0));
        var newly = new List<int>();
        foreach (var (version, description, sql) in Migrations)
        {
            if (applied.Contains(version)) continue;
            await Execute(c, tx, sql, ct);
            await using var record = new NpgsqlCommand("INSERT INTO cohort_schema_version (version, description) VALUES ($1, $2)", c, tx);
            record.Parameters.AddWithValue(version);
            record.Parameters.AddWithValue(description);
            await record.ExecuteNonQueryAsync(ct);
            newly.Add(version);
        }
        if (applied.Count > 0 && applied.Max() > Latest)
            throw new InvalidOperationException($"the database schema is at version {applied.Max()}, newer than this build knows ({Latest}); upgrade Cohort before starting it on this database");
        await tx.CommitAsync(ct);
        return newly;
    }

    private static async Task Execute(NpgsqlConnection c, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
