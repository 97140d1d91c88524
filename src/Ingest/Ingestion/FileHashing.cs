using System.Security.Cryptography;
using Cohort.Contracts.Ingest;

namespace Cohort.Ingest.Ingestion;

/// <summary>Content hashes of input files: a run is identified by what it read, not by file names or times.</summary>
public static class FileHashing
{
    public static async Task<IngestedFile> DescribeAsync(string path, string role, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new IngestException($"{name}: file not found ({path})");
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, ct);
        return new IngestedFile(name, Path.GetFullPath(path), role, Convert.ToHexStringLower(hash), stream.Length);
    }
}
