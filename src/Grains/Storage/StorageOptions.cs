namespace Cohort.Grains.Storage;

/// <summary>Where durable state lives. Embedded mode: one SQLite file under the data directory.</summary>
public sealed class StorageOptions
{
    public const string ProviderName = "cohort";

    /// <summary>The data directory (default ./data). The SQLite file is cohort.db inside it.</summary>
    public string DataDirectory { get; set; } = "./data";

    public string SqlitePath => Path.Combine(DataDirectory, "cohort.db");
}
