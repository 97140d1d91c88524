namespace Cohort.Grains.Storage;

/// <summary>
/// Where durable state lives. Embedded mode (the default): one SQLite file under the data directory. Distributed mode:
/// <c>Cohort:StorageProvider = postgres</c> with <c>Cohort:PostgresConnectionString</c> (Npgsql syntax); every silo of the cluster
/// uses the same database.
/// </summary>
public sealed class StorageOptions
{
    public const string ProviderName = "cohort";

    /// <summary>The data directory (default ./data). The SQLite file is cohort.db inside it.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>"sqlite" (default) or "postgres".</summary>
    public string StorageProvider { get; set; } = "sqlite";

    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// The largest the SQLite file may grow, in megabytes (unset: as large as the disk allows). A store that reaches it fails its
    /// writes as a full disk would (the run that met it publishes nothing; what was stored before stays), so that a volume shared with
    /// other services is not filled up; raise it, or free space, and run again.
    /// </summary>
    public long? SqliteMaxMegabytes { get; set; }

    public string SqlitePath => Path.Combine(DataDirectory, "cohort.db");

    public bool UsesPostgres => StorageProvider.Trim().Equals("postgres", StringComparison.OrdinalIgnoreCase)
        || StorageProvider.Trim().Equals("postgresql", StringComparison.OrdinalIgnoreCase);

    public IStateStore CreateStore(Microsoft.Extensions.Logging.ILoggerFactory? logs = null)
    {
        if (UsesPostgres)
            return new PostgresStateStore(string.IsNullOrWhiteSpace(PostgresConnectionString)
                ? throw new InvalidOperationException("Cohort:StorageProvider is postgres but Cohort:PostgresConnectionString is empty; set it (for example Host=db;Username=cohort;Password=…;Database=cohort)")
                : PostgresConnectionString, logs?.CreateLogger(typeof(PostgresStateStore).FullName!));
        if (StorageProvider.Trim().Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            return new SqliteStateStore(SqlitePath, logs?.CreateLogger(typeof(SqliteStateStore).FullName!), SqliteMaxMegabytes * (1L << 20));
        throw new InvalidOperationException($"Cohort:StorageProvider must be sqlite or postgres (got '{StorageProvider}')");
    }
}
