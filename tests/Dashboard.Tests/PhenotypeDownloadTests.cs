using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cohort.Dashboard.Tests;

/// <summary>The phenotype page's numbers download as a zip of tidy tables: the model's clusters and the phenotype tables, read back by DuckDB.</summary>
public sealed class PhenotypeDownloadTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task The_phenotype_page_downloads_its_clusters_and_tables_as_tidy_csv_files()
    {
        var epi = app.CreateClient();
        epi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.EpidemiologistKey);
        using var model = JsonDocument.Parse(await (await epi.PostAsync("/api/phenotypes/fit?k=3", null)).Content.ReadAsStringAsync());
        var version = model.RootElement.GetProperty("version").GetInt32();

        // An analyst's view (perturbed counts), as the page shows it, filtered to women.
        var analyst = app.CreateClient();
        analyst.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.AnalystKey);
        Assert.Contains($"href=\"/phenotypes.zip?version={version}&amp;sex=F\"", await analyst.GetStringAsync("/phenotypes?sex=F"), StringComparison.Ordinal);
        // Stratified by phase, the by-stratum table is the by-phase table: it is written once.
        var byPhase = await analyst.GetAsync($"/phenotypes.zip?version={version}&by=phase");
        Assert.Equal(3, new ZipArchive(await byPhase.Content.ReadAsStreamAsync()).Entries.Count);
        var zip = await analyst.GetAsync($"/phenotypes.zip?version={version}&sex=F");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal($"phenotypes-v{version}_sex-F.zip", zip.Content.Headers.ContentDisposition?.FileName);
        var folder = Directory.CreateTempSubdirectory("cohort-phenotypes-zip-");
        try
        {
            new ZipArchive(await zip.Content.ReadAsStreamAsync()).ExtractToDirectory(folder.FullName);
            Assert.Equal(["by_curve_shape.csv", "by_phase.csv", "by_sex.csv", "clusters.csv"],
                Directory.GetFiles(folder.FullName).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var clusters = Path.Combine(folder.FullName, "clusters.csv");
            Assert.Equal(3, DuckDb.Scalar($"SELECT count(*) FROM read_csv('{clusters}')"));
            // Cluster sizes are model-wide whatever the filters, and say so; the phenotype tables carry the page's population.
            Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM read_csv('{clusters}') WHERE population <> '{Rendering.Csv.ModelPopulation}' OR model_version <> {version}"));
            foreach (var file in Directory.GetFiles(folder.FullName, "by_*.csv"))
            {
                // Counts are whole numbers and never 1–10; an empty count is named in its row's suppressed column.
                Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM read_csv('{file}', types = {{'participants': 'BIGINT'}}) WHERE participants BETWEEN 1 AND 10"));
                Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM read_csv('{file}', types = {{'participants': 'BIGINT'}}) WHERE participants IS NULL AND coalesce(suppressed, '') <> 'participants'"));
                Assert.True(DuckDb.Scalar($"SELECT count(*) FROM read_csv('{file}') WHERE phenotype = 'all'") > 0);
                Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM read_csv('{file}') WHERE population <> 'sex F'"));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
