using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cohort.Grains.Storage;

/// <summary>
/// One statement of the store's writes, prepared once per group commit on the writer's connection and run for each write with SQLite's
/// own calls: a state's bytes are bound from wherever they lie (a slice of a pooled <see cref="StateBuffer"/>, copied by SQLite as it
/// binds), where Microsoft.Data.Sqlite binds only whole arrays. Parameters are numbered from 1 in the order the SQL names them; an error
/// is SQLite's, raised as Microsoft.Data.Sqlite raises it (<see cref="SqliteException"/>), so the store reports it as any other.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _stmt), _db);
    }

    public SqliteStatement Text(int index, string value) => Bound(raw.sqlite3_bind_text(_stmt, index, value));

    public SqliteStatement Integer(int index, long value) => Bound(raw.sqlite3_bind_int64(_stmt, index, value));

    /// <summary>Binds bytes (an empty blob as a blob of no bytes: an empty span's null pointer would bind NULL).</summary>
    public SqliteStatement Blob(int index, ReadOnlyMemory<byte> value) =>
        Bound(value.IsEmpty ? raw.sqlite3_bind_zeroblob(_stmt, index, 0) : raw.sqlite3_bind_blob(_stmt, index, value.Span));

    /// <summary>Runs the statement with what is bound; returns the rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
        return raw.sqlite3_changes(_db);
    }

    private SqliteStatement Bound(int rc)
    {
        SqliteException.ThrowExceptionForRC(rc, _db);
        return this;
    }

    public void Dispose() => _stmt.Dispose();
}
