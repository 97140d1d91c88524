using System.Security.Cryptography;
using System.Text.Json;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Export;
using Cohort.Ingest.Ingestion;

namespace Cohort.Grains.Tests;

/// <summary>The participant-level export: refused when the silo turns exports off; otherwise every visit, readable by DuckDB, with its dictionary and manifest.</summary>
public sealed class ExportTests(GeneratedDrop drop) : IClassFixture<GeneratedDrop>
{
    [Fact]
    public async Task Export_is_refused_when_the_silo_turns_exports_off()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Cohort:ExportEnabled"] = "false" });
        await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        var e = await Assert.ThrowsAsync<ExportRefusedException>(() => CohortExport.WriteAsync(cluster.Grains, Path.Combine(drop.Directory, "refused")));
        Assert.Contains("Cohort:ExportEnabled", e.Message);
    }

    [Fact]
    public async Task Every_visit_is_exported_as_Parquet_and_CSV_with_a_dictionary_and_a_manifest()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 2, settings: new Dictionary<string, string?> { ["Cohort:ExportEnabled"] = "true" });
        await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        var dir = Path.Combine(drop.Directory, "export");
        var told = new List<(int Shards, int Of)>();
        var summary = await CohortExport.WriteAsync(cluster.Grains, dir, progress: new Told<(int, int)>(told.Add));
        // Progress counts the shards written, from none to all of them.
        Assert.Equal(Enumerable.Range(0, 9).Select(s => (s, 8)), told);
        var overview = await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview();
        Assert.Equal(overview.Visits, summary.Rows);
        Assert.Equal(overview.Participants, summary.Participants);
        var parquet = Path.Combine(dir, CohortExport.Visits);
        Assert.Equal(overview.Visits, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{parquet}')"));
        Assert.Equal(overview.Visits + 1, File.ReadAllLines(Path.Combine(dir, CohortExport.VisitsCsv)).Length);

        var p = (await cluster.Grains.GetGrain<IParticipantGrain>("P0000042").Get())!;
        var homa = p.Visits[0].Indices.Single(i => i.Code == "homa_ir").Value;
        var exported = DuckDb.Query($"SELECT homa_ir, glycaemic_category, visit_date FROM read_parquet('{parquet}') WHERE participant_id = 'P0000042' AND visit = 1").Single();
        if (homa is { } h) Assert.Equal(h, (double)exported[0]!, h * 1e-6);
        Assert.Equal(p.Visits[0].GlycaemicCategory, exported[1]);
        Assert.Equal(p.Visits[0].Date, (DateOnly)exported[2]!);

        var dictionary = File.ReadAllText(Path.Combine(dir, CohortExport.Dictionary));
        Assert.Contains("homa_ir,index,", dictionary);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, CohortExport.Manifest))).RootElement;
        Assert.StartsWith("run-", manifest.GetProperty("dataVersion").GetString());
        foreach (var f in manifest.GetProperty("files").EnumerateArray())
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, f.GetProperty("name").GetString()!)))), f.GetProperty("sha256").GetString());
    }

    private sealed class Told<T>(Action<T> told) : IProgress<T>
    {
        public void Report(T value) => told(value);
    }
}
