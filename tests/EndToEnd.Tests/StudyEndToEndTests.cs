using System.Text.Json;
using Microsoft.Playwright;

namespace Cohort.EndToEnd.Tests;

/// <summary>
/// An epidemiologist brings a clamp study with real processes: two study markers and an outcome declared in a marker file through the
/// CLI, a wide extract and an events file that DuckDB wrote, a fit on the study's features, and the outcome by cluster, through the
/// CLI, the API and the pages in headless Chromium.
/// </summary>
public sealed class StudyEndToEndTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-study-" + Guid.NewGuid().ToString("N"));
    private SiloProcess _silo = null!;

    public Task InitializeAsync() => SetUp.OrCleanUp(async () =>
    {
        Directory.CreateDirectory(_dir);
        _silo = await SiloProcess.StartAsync(Path.Combine(_dir, "data"));
    }, DisposeAsync);

    public async Task DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string Path_(string name) => Path.Combine(_dir, name);

    /// <summary>240 participants seen twice, three years apart (sspg, glucose area, C-peptide), and heart failure in a quarter of them.</summary>
    private void WriteStudy()
    {
        File.WriteAllText(Path_("study-markers.json"), """
            [
              { "code": "sspg", "name": "Steady-state plasma glucose", "unit": "mg/dL", "units": { "mmol/L": 18.0 },
                "reject": [20, 600], "flag": [40, 400], "skewed": true, "citation": "Reaven GM, Miller RG. Diabetologia 1979;16:17-24" },
              { "code": "glucose_auc", "name": "Glucose area under the OGTT curve", "unit": "mg/dL.h", "reject": [50, 2000] },
              { "code": "heart_failure", "name": "Hospitalisation for heart failure", "event": true, "description": "first admission with heart failure" }
            ]
            """);
        DuckDb.Execute($"""
            COPY (SELECT 'S' || lpad(CAST(i AS VARCHAR), 4, '0') AS participant_id, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END AS sex,
                         1950 + i % 30 AS birth_year FROM range(240) t(i)) TO '{Path_("people.parquet")}' (FORMAT parquet)
            """);
        DuckDb.Execute($"""
            COPY (SELECT 'S' || lpad(CAST(i AS VARCHAR), 4, '0') AS pid, DATE '2021-03-01' + CAST(i % 30 + 1095 * v AS INTEGER) AS visit_date,
                         CAST(CASE WHEN i % 3 = 0 THEN 220 ELSE 90 END + (i * 7) % 40 + 5 * v AS DOUBLE) AS sspg,
                         CAST(CASE WHEN i % 3 = 0 THEN 900 ELSE 450 END + (i * 11) % 80 AS DOUBLE) AS auc,
                         round(CASE WHEN i % 3 = 0 THEN 3.0 ELSE 1.5 END + (i % 7) / 10.0, 1) AS cpep
                  FROM range(240) t(i), range(2) w(v)) TO '{Path_("clamp.parquet")}' (FORMAT parquet)
            """);
        File.WriteAllText(Path_("clamp.mapping.json"), """
            { "participant_column": "pid", "date_column": "visit_date",
              "columns": [ { "column": "sspg", "marker": "sspg", "unit": "mg/dL" },
                           { "column": "auc", "marker": "glucose_auc", "unit": "mg/dL.h" },
                           { "column": "cpep", "marker": "c_peptide", "unit": "ng/mL", "fasting": true } ] }
            """);
        DuckDb.Execute($"""
            COPY (SELECT 'S' || lpad(CAST(i AS VARCHAR), 4, '0') AS participant_id, 'heart_failure' AS event,
                         DATE '2021-03-01' + CAST(i % 30 + 200 + (i * 37) % 800 AS INTEGER) AS date, NULL::DOUBLE AS value
                  FROM range(240) t(i) WHERE i % 4 = 0 OR (i % 3 = 0 AND i % 2 = 0)) TO '{Path_("events.parquet")}' (FORMAT parquet)
            """);
    }

    [Fact]
    public async Task A_study_with_its_own_markers_features_and_outcome_through_the_CLI_the_API_and_the_pages()
    {
        WriteStudy();
        var gateway = _silo.Gateway;
        var added = await Processes.Cli("markers", "add", "--file", Path_("study-markers.json"), "--gateway", gateway);
        Assert.True(added.Exit == 0, added.Err);
        Assert.Contains("study markers version 1", added.Out);
        Assert.Contains("added 'sspg'", added.Out);
        Assert.Contains("added event 'heart_failure'", added.Out);
        var listed = await Processes.CliJson("markers", "list", "--study", "--gateway", gateway);
        Assert.Equal(["sspg", "glucose_auc"], listed.GetProperty("markers").EnumerateArray().Select(m => m.GetProperty("code").GetString()));

        var ingest = await Processes.CliJson("ingest", "--participants", Path_("people.parquet"), "--observations", Path_("clamp.parquet"),
            "--layout", "wide", "--mapping", Path_("clamp.mapping.json"), "--gateway", gateway);
        Assert.Equal("succeeded", ingest.GetProperty("status").GetString());
        Assert.Equal(240 * 2 * 3, ingest.GetProperty("rowsAccepted").GetInt64());

        var fit = await Processes.CliJson("phenotypes", "fit", "--features", "sspg,glucose_auc,c_peptide", "--log", "sspg", "--k", "2",
            "--visit", "baseline", "--population", "everyone", "--gateway", gateway);
        Assert.Equal(["cluster-1", "cluster-2"], fit.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("label").GetString()));

        var events = await Processes.CliJson("ingest", "--events", Path_("events.parquet"), "--gateway", gateway);
        Assert.Equal("succeeded", events.GetProperty("status").GetString());
        var expectedEvents = DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{Path_("events.parquet")}')");
        Assert.Equal(expectedEvents, events.GetProperty("rowsAccepted").GetInt64());

        var outcome = await Processes.CliJson("outcomes", "--event", "heart_failure", "--gateway", gateway);
        var rows = outcome.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["cluster-1", "cluster-2"], rows.Select(r => r.GetProperty("stratum").GetString()));
        Assert.Equal(expectedEvents, rows.Sum(r => r.GetProperty("events").GetInt64()));
        Assert.Contains(rows, r => r.GetProperty("reference").GetBoolean());
        Assert.Contains(rows, r => r.GetProperty("rateRatio").ValueKind == JsonValueKind.Number && !r.GetProperty("reference").GetBoolean());

        // The API says the same.
        var api = await _silo.GetJson("/api/outcomes?event=heart_failure");
        Assert.Equal(outcome.GetProperty("model").GetString(), api.GetProperty("model").GetString());
        var sspg = await _silo.GetJson("/api/distribution?metric=sspg");
        Assert.Equal(240, sspg.GetProperty("total").GetProperty("n").GetInt64());
        Assert.Contains((await _silo.GetJson("/api/markers")).GetProperty("markers").EnumerateArray(), m => m.GetProperty("code").GetString() == "glucose_auc");

        // And the pages, in Chromium.
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        await using var context = await BrowserSignIn.AsAdminAsync(browser, _silo.HttpPort);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        Assert.Equal(200, (await page.GotoAsync($"http://127.0.0.1:{_silo.HttpPort}/distribution?metric=sspg"))!.Status);
        Assert.Equal("Distribution: Steady-state plasma glucose", await page.InnerTextAsync("h1"));
        Assert.Equal("240", await page.InnerTextAsync("#n"));
        Assert.Equal(200, (await page.GotoAsync($"http://127.0.0.1:{_silo.HttpPort}/phenotypes"))!.Status);
        Assert.Contains("clusters are numbered", await page.InnerTextAsync("main"));
        Assert.Equal(200, (await page.GotoAsync($"http://127.0.0.1:{_silo.HttpPort}/outcomes?event=heart_failure"))!.Status);
        Assert.Equal("Outcomes: Hospitalisation for heart failure", await page.InnerTextAsync("h1"));
        var table = await page.InnerTextAsync("#rates");
        Assert.Contains("cluster-1", table);
        Assert.Contains("1 (reference)", table);
        Assert.True(await page.Locator("figure svg polyline").CountAsync() >= 1);
        Assert.Empty(errors);
    }
}
