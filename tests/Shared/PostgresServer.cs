using Npgsql;

namespace Cohort.Tests.Shared;

/// <summary>
/// A throw-away PostgreSQL server on loopback for tests: initdb into a temporary directory, started with pg_ctl on a free port, stopped
/// and deleted on dispose. Uses Debian's packages (/usr/lib/postgresql/N/bin); as root it runs them as the "postgres" user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _bin;
    private const string User = "postgres";

    private PostgresServer(string dir, string bin, int port)
    {
        _dir = dir;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }
    private string Data => Path.Combine(_dir, "data");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Timeout=30;Command Timeout=120";

    public static async Task<PostgresServer> StartAsync()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions.Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var n) ? n : 0).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed (Debian: apt-get install postgresql); .ci/run installs it");
        var dir = Path.Combine(Path.GetTempPath(), "cohort-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        if (ExternalProcess.IsRoot) await ExternalProcess.RunAsync("chown", ["-R", $"{User}:{User}", dir]);
        var server = new PostgresServer(dir, bin, ExternalProcess.FreePort());
        await ExternalProcess.RunAsync(Path.Combine(bin, "initdb"), ["-D", server.Data, "-U", User, "-A", "trust", "-E", "UTF8", "--no-sync"], User);
        await ExternalProcess.RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", server.Data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "-o", $"-p {server.Port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=200", "start"], User);
        return server;
    }

    /// <summary>A new, empty database on this server; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var c = new NpgsqlConnection(ConnectionString("postgres"));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await ExternalProcess.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], User); }
        catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
