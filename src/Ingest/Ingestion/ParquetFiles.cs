using Parquet;

namespace Cohort.Ingest.Ingestion;

/// <summary>Opens a Parquet file for reading; a missing, unreadable or truncated file is an <see cref="IngestException"/> naming the file.</summary>
internal static class ParquetFiles
{
    public static async Task<ParquetReader> OpenAsync(string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        if (!System.IO.File.Exists(path)) throw new IngestException($"{name}: file not found ({path})");
        try
        {
            return await ParquetReader.CreateAsync(path, cancellationToken: ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new IngestException($"{name}: not a readable Parquet file (truncated or corrupt?): {e.Message}", e);
        }
    }
}
