using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Cohort.EndToEnd.Tests;

/// <summary>The dashboard pages in a real headless Chromium (Debian's), showing the numbers the API returns.</summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-browser-" + Guid.NewGuid().ToString("N"));
    private SiloProcess _silo = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _signedIn = null!;

    public Task InitializeAsync() => SetUp.OrCleanUp(StartAsync, DisposeAsync);

    private async Task StartAsync()
    {
        var drop = Path.Combine(_dir, "drop");
        await Processes.CliJson("synth", "--participants", "2000", "--visits", "2", "--seed", "9", "--out", drop);
        _silo = await SiloProcess.StartAsync(Path.Combine(_dir, "data"));
        await Processes.CliJson("ingest", "--participants", Path.Combine(drop, "participants.parquet"),
            "--observations", Path.Combine(drop, "observations.parquet"), "--gateway", _silo.Gateway);
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
        _signedIn = await BrowserSignIn.AsAdminAsync(_browser, _silo.HttpPort);
    }

    /// <summary>Stops what started, whatever failed part-way through <see cref="InitializeAsync"/> (the silo process above all).</summary>
    public async Task DisposeAsync()
    {
        try
        {
            if (_signedIn is not null) await _signedIn.DisposeAsync();
            if (_browser is not null) await _browser.DisposeAsync();
            _playwright?.Dispose();
        }
        finally
        {
            if (_silo is not null) await _silo.DisposeAsync();
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        }
    }

    private async Task<IPage> Open(string path, List<string> errors)
    {
        var page = await _signedIn.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        var response = await page.GotoAsync($"http://127.0.0.1:{_silo.HttpPort}{path}");
        Assert.Equal(200, response!.Status);
        return page;
    }

    private static string N0(long x) => x.ToString("N0", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Overview_page_shows_the_API_numbers_and_the_HOMA_IR_caveat()
    {
        var api = await _silo.GetJson("/api/cohort");
        var errors = new List<string>();
        var page = await Open("/", errors);
        Assert.Equal(N0(api.GetProperty("participants").GetInt64()), await page.InnerTextAsync("#participants"));
        Assert.Equal(N0(api.GetProperty("visits").GetInt64()), await page.InnerTextAsync("#visits"));
        Assert.Equal(N0(api.GetProperty("observations").GetInt64()), await page.InnerTextAsync("#observations"));
        var caveat = page.Locator("section.caveat");
        Assert.True(await caveat.IsVisibleAsync());
        Assert.Contains("HOMA-IR cut-offs are not universal", await caveat.InnerTextAsync());
        Assert.Contains(api.GetProperty("lastIngest").GetProperty("runId").GetString()!, await page.InnerTextAsync("#last-ingest"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Distribution_page_draws_the_histogram_with_its_numbers_and_a_CSV_of_exactly_those_numbers()
    {
        var api = (await _silo.GetJson("/api/distribution?metric=homa_ir")).GetProperty("total");
        var errors = new List<string>();
        var page = await Open("/distribution?metric=homa_ir", errors);
        Assert.Equal(N0(api.GetProperty("n").GetInt64()), await page.InnerTextAsync("#n"));
        var p50 = api.GetProperty("percentiles").GetProperty("p50").GetDouble();
        Assert.Equal(p50.ToString("0.###", CultureInfo.InvariantCulture), await page.InnerTextAsync("#p50"));
        var bars = await page.Locator("svg rect").CountAsync();
        Assert.Equal(api.GetProperty("histogram").GetArrayLength(), bars);
        Assert.Equal(bars, await page.Locator("#bins tbody tr").CountAsync());
        Assert.True(await page.Locator("section.caveat").IsVisibleAsync());
        Assert.Contains("not universal", await page.InnerTextAsync("section.caveat"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a.download[download]"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains($"summary,all,n,,,{api.GetProperty("n").GetInt64()}", csv);
        Assert.Contains($"percentile,all,p50,,,{p50.ToString("R", CultureInfo.InvariantCulture)}", csv);
        Assert.Equal(bars, csv.Split('\n').Count(l => l.StartsWith("histogram,", StringComparison.Ordinal)));

        // Choosing another metric through the form.
        await page.SelectOptionAsync("#metric", "waist");
        await page.ClickAsync("form.controls button[type=submit]");
        await page.WaitForURLAsync("**/distribution?metric=waist*");
        var waist = (await _silo.GetJson("/api/distribution?metric=waist")).GetProperty("total");
        Assert.Equal(N0(waist.GetProperty("n").GetInt64()), await page.InnerTextAsync("#n"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task HOMA_IR_and_phases_pages_show_the_APIs_numbers_with_cut_offs_marked_and_small_cells_suppressed()
    {
        var api = await _silo.GetJson("/api/homa-ir/cutoffs?sex=F");
        var errors = new List<string>();
        var page = await Open("/homa-ir?sex=F", errors);
        var registry = api.GetProperty("registry");
        Assert.Equal(registry.GetArrayLength(), await page.Locator("#registry tbody tr").CountAsync());
        // The forest plot: a square (with its numbers as text) per released prevalence, "suppressed" written for the rest; the
        // histogram marks only the chosen cut-off.
        var released = registry.EnumerateArray().Count(r => r.GetProperty("proportion").ValueKind == JsonValueKind.Number);
        Assert.Equal(released, await page.Locator("#forest svg rect title").CountAsync());
        Assert.Equal(registry.GetArrayLength() - released, await page.Locator("#forest svg text", new() { HasTextString = "suppressed" }).CountAsync());
        Assert.Equal(1, await page.Locator("svg line[stroke-dasharray='6 3']").CountAsync());
        var first = registry[0];
        var row = await page.InnerTextAsync("#registry tbody tr:first-child");
        Assert.Contains(N0(first.GetProperty("cases").GetInt64()), row);
        Assert.Contains(first.GetProperty("applies").GetString()!, row);
        Assert.True(await page.Locator("section.caveat").IsVisibleAsync());
        Assert.Contains("data version", (await page.InnerTextAsync("#provenance")).ToLowerInvariant());

        var phases = await Open("/phases", errors);
        Assert.Equal(5, await phases.Locator("#transitions tbody tr").CountAsync());
        var transitions = await _silo.GetJson("/api/transitions?kind=phase");
        var rate = transitions.GetProperty("overall").GetProperty("ratePer1000");
        if (rate.ValueKind == JsonValueKind.Number) Assert.Contains(rate.GetDouble().ToString("0.0", CultureInfo.InvariantCulture), await phases.InnerTextAsync("#incidence"));
        // The download is a zip of tidy tables, read back by DuckDB: every count column holds whole numbers only, none of them 1–10,
        // and a count left empty is named in its row's `suppressed` column.
        var folder = Directory.CreateTempSubdirectory("cohort-phases-zip-");
        try
        {
            System.IO.Compression.ZipFile.ExtractToDirectory(new MemoryStream(await _silo.Http.GetByteArrayAsync("/phases.zip")), folder.FullName);
            var tables = Directory.GetFiles(folder.FullName).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(["by_starting_state.csv", "incidence.csv", "prevalence.csv", "transitions.csv"], tables);
            string[] countColumns = ["count", "cases", "total", "at_risk", "progressions", "confirmed", "regressions", "confirmed_regressions"];
            foreach (var table in tables)
            {
                var file = Path.Combine(folder.FullName, table);
                var columns = DuckDb.Query($"DESCRIBE SELECT * FROM read_csv('{file}', all_varchar = true)").Select(r => (string)r[0]!).ToArray();
                Assert.Contains("suppressed", columns);
                Assert.Contains("data_version", columns);
                foreach (var c in columns.Where(countColumns.Contains))
                {
                    Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FILTER (WHERE coalesce({c}, '') <> '' AND TRY_CAST({c} AS BIGINT) IS NULL) FROM read_csv('{file}', all_varchar = true)"));
                    Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FILTER (WHERE TRY_CAST({c} AS BIGINT) BETWEEN 1 AND 10) FROM read_csv('{file}', all_varchar = true)"));
                    Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FILTER (WHERE coalesce({c}, '') = '' AND NOT list_contains(string_split(coalesce(suppressed, ''), ';'), '{c}')) FROM read_csv('{file}', all_varchar = true)"));
                }
            }
            Assert.True(DuckDb.Scalar($"SELECT count(*) FROM read_csv('{Path.Combine(folder.FullName, "prevalence.csv")}', all_varchar = true)") >= 4);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Phenotypes_are_fitted_from_the_CLI_and_the_page_and_shown_with_the_APIs_numbers()
    {
        var errors = new List<string>();
        var cli = await Processes.CliJson("phenotypes", "fit", "--gateway", _silo.Gateway, "--json");
        var version = cli.GetProperty("version").GetInt32();
        var page = await Open("/phenotypes", errors);
        await page.ClickAsync("button:has-text('Fit a new model version')");
        // The refit runs as a job: its page shows the progress and a link that looks again, which opens the new version once stored.
        var until = DateTime.UtcNow.AddMinutes(3);
        while (!page.Url.Contains($"version={version + 1}", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, $"the refit did not finish in 3 minutes; the page says: {await page.InnerTextAsync("main")}");
            Assert.Contains("/phenotypes/jobs/", page.Url);
            await Task.Delay(250);
            await page.ClickAsync("#check-again");
        }
        var api = await _silo.GetJson($"/api/phenotypes?version={version + 1}");
        var clusters = api.GetProperty("clusters");
        var k = api.GetProperty("k").GetInt32();
        Assert.Equal(k, clusters.GetArrayLength());
        Assert.Equal(k, await page.Locator("#clusters tbody tr").CountAsync());
        for (var i = 0; i < k; i++)
        {
            var row = await page.InnerTextAsync($"#clusters tbody tr:nth-child({i + 1})");
            var c = clusters[i];
            Assert.Contains(c.GetProperty("label").GetString()!, row);
            var assigned = c.GetProperty("assigned");
            Assert.Contains(assigned.ValueKind == JsonValueKind.Number ? N0(assigned.GetInt64()) : "<11", row);
        }
        var features = api.GetProperty("features").GetArrayLength();
        Assert.Equal(k * features, await page.Locator("figure svg rect").CountAsync());
        Assert.Contains("predominant pattern", await page.InnerTextAsync("section.caveat"));
        Assert.InRange(await page.Locator("#phenotype-by-phase tbody tr").CountAsync(), 3, 5);
        Assert.Contains("no-raised-tissue-score", await page.InnerTextAsync("#phenotype-by-stratum"));
        Assert.Contains(k.ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync("#k-selection"));

        // The same data and seed give the same model: the two versions agree exactly.
        var compare = await Open($"/phenotypes?a={version}&b={version + 1}", errors);
        Assert.Contains("adjusted Rand index 1.000", await compare.InnerTextAsync("#comparison"));
        var bad = await _silo.Http.PostAsync("/api/phenotypes/fit?k=1", null);
        Assert.Equal(400, (int)bad.StatusCode);

        // A fit as a job over the API: 202 with its address at once, followed to its end; the finished job's page opens its version.
        var unknownFeature = await _silo.Http.PostAsync("/api/phenotypes/jobs?features=glucose,no_such_marker", null);
        Assert.Equal(400, (int)unknownFeature.StatusCode);
        Assert.Contains("no_such_marker", await unknownFeature.Content.ReadAsStringAsync());
        var accepted = await _silo.Http.PostAsync("/api/phenotypes/jobs", null);
        Assert.Equal(202, (int)accepted.StatusCode);
        var location = accepted.Headers.Location!.ToString();
        var job = await _silo.GetJson(location);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (job.GetProperty("state").GetString() is "queued" or "running")
        {
            Assert.True(DateTime.UtcNow < deadline, $"the fit job did not finish in 3 minutes: {job}");
            Assert.InRange(job.GetProperty("stage").GetInt32(), 0, 3);
            await Task.Delay(100);
            job = await _silo.GetJson(location);
        }
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var jobVersion = job.GetProperty("version").GetInt32();
        Assert.Equal(version + 2, jobVersion);
        var finished = await Open(location.Replace("/api/phenotypes/jobs/", "/phenotypes/jobs/", StringComparison.Ordinal), errors);
        Assert.Contains($"version={jobVersion}", finished.Url);
        var gone = await _silo.Http.GetAsync("/phenotypes/jobs/fit-0000000000");
        Assert.Equal(404, (int)gone.StatusCode);
        Assert.Contains("there is no fit job", await gone.Content.ReadAsStringAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_bad_parameter_is_a_400_naming_it()
    {
        var response = await _silo.Http.GetAsync("/api/distribution?metric=homa_irr");
        Assert.Equal(400, (int)response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("'metric'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_new_analyst_signs_in_with_the_one_time_password_chooses_a_new_one_and_sees_only_aggregate_views()
    {
        var created = await Processes.CliJson("users", "add", "--name", "ana", "--role", "analyst", "--gateway", _silo.Gateway);
        var oneTime = created.GetProperty("oneTimePassword").GetString()!;
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        // A page needing sign-in sends the browser to the sign-in page and back.
        await page.GotoAsync($"http://127.0.0.1:{_silo.HttpPort}/homa-ir");
        Assert.Contains("/login?return=", page.Url);
        await page.FillAsync("input[name=name]", "ana");
        await page.FillAsync("input[name=password]", "not the password");
        await page.ClickAsync("form.signin button[type=submit]");
        Assert.Contains("wrong name or password", await page.InnerTextAsync("[role=alert]"));
        await page.FillAsync("input[name=name]", "ana");
        await page.FillAsync("input[name=password]", oneTime);
        await page.ClickAsync("form.signin button[type=submit]");
        Assert.Contains("must be changed", await page.InnerTextAsync("main"));
        await page.FillAsync("input[name=current]", oneTime);
        await page.FillAsync("input[name=new]", "correct horse battery");
        await page.FillAsync("input[name=confirm]", "correct horse battery");
        await page.ClickAsync("form.signin button[type=submit]");
        await page.WaitForURLAsync("**/homa-ir");
        Assert.Contains("ana", await page.InnerTextAsync("nav"));
        Assert.DoesNotContain("Ingest", await page.InnerTextAsync("nav"));

        // Participant-level and engineering pages say which role they need; the fit button is not offered.
        var ingest = await page.GotoAsync($"http://127.0.0.1:{_silo.HttpPort}/ingest");
        Assert.Equal(403, ingest!.Status);
        Assert.Contains("engineer role", await page.InnerTextAsync("main"));
        await page.GotoAsync($"http://127.0.0.1:{_silo.HttpPort}/phenotypes");
        Assert.Equal(0, await page.Locator("form[action='/phenotypes/fit']").CountAsync());

        // The old one-time password no longer works; signing out ends the session.
        await page.ClickAsync("nav form button:has-text('Sign out')");
        await page.WaitForURLAsync("**/login");
        await page.GotoAsync($"http://127.0.0.1:{_silo.HttpPort}/phases");
        Assert.Contains("/login?return=", page.Url);
        Assert.Equal(401, (int)(await _silo.Http.PostAsJsonAsync("/api/session", new { name = "ana", password = oneTime })).StatusCode);
        Assert.Empty(errors);
    }
}
