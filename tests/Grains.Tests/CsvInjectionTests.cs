using Cohort.Ingest.Export;
using Cohort.Ingest.Files;
using Cohort.Ingest.Ingestion;

namespace Cohort.Grains.Tests;

/// <summary>
/// CSV formula injection: text a drop supplies (a site, an ethnicity) that starts like a formula comes out of every CSV the platform
/// writes prefixed with ' , so a spreadsheet shows it instead of running it; numbers, negative ones included, are left alone.
/// </summary>
public sealed class CsvInjectionTests() : ScratchFolder("csv")
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("\tx", "'\tx")]
    [InlineData("-1.25", "-1.25")]
    [InlineData("White", "White")]
    [InlineData("a,b", "\"a,b\"")]
    public void Cells_that_would_run_as_formulas_are_neutralised(string text, string cell) => Assert.Equal(cell, CsvText.Cell(text));

    [Fact]
    public async Task A_hostile_site_and_ethnicity_come_out_of_the_export_as_text()
    {
        string people = Path.Combine(Dir, "participants.parquet"), obs = Path.Combine(Dir, "observations.parquet");
        DuckDb.Execute($"""
            COPY (SELECT 'H' || i AS participant_id, 'F' AS sex, 1970 AS birth_year, '=HYPERLINK("http://evil")' AS ethnicity, '@S01' AS site
                  FROM range(1, 4) t(i)) TO '{people}' (FORMAT parquet)
            """);
        DuckDb.Execute($"""
            COPY (SELECT 'H' || i AS participant_id, TIMESTAMP '2024-01-02 08:00:00' AS taken_at, 'glucose' AS marker, 5.0 AS value,
                         'mmol/L' AS unit, CAST(NULL AS INTEGER) AS ogtt_minute, true AS fasting FROM range(1, 4) t(i)) TO '{obs}' (FORMAT parquet)
            """);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(people, [obs]));
        var dir = Path.Combine(Dir, "export");
        await CohortExport.WriteAsync(cluster.Grains, dir);
        var csv = File.ReadAllLines(Path.Combine(dir, CohortExport.VisitsCsv));
        Assert.Equal(4, csv.Length);
        Assert.All(csv.Skip(1), line =>
        {
            Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",", line);
            Assert.Contains(",'@S01,", line);
        });
    }
}
