using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Cohort.EndToEnd.Tests;

/// <summary>
/// A data engineer's day with real processes: schedules added, listed and refused through the CLI and the API, a drop ingested with
/// bad rows, the run history and quarantine read through the CLI, the shards flushed through the CLI, and the ingest page in headless
/// Chromium with the same numbers.
/// </summary>
public sealed class IngestOperationsTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-ops-" + Guid.NewGuid().ToString("N"));
    private string Drops => Path.Combine(_dir, "drops");
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Drops, "site-a"));
        // Shards that never compact on their own (as under a stop soon after a run): the run stays in their logs until flushed.
        _silo = await SiloProcess.StartAsync(Path.Combine(_dir, "data"), "--Cohort:Ingest:Roots:0", Drops, "--Cohort:Ingest:PollSeconds", "0.5",
            "--Cohort:ShardCompactionMinimum", $"{int.MaxValue}");
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>The shards' stored log segments, read from the silo's SQLite file beside it (read-only; the silo keeps writing).</summary>
    private long ShardLogSegments()
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_dir, "data", "cohort.db"), Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        db.Open();
        using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM grain_state WHERE grain_type = 'cohortshard/segment'";
        return (long)count.ExecuteScalar()!;
    }

    [Fact]
    public async Task Schedules_runs_and_quarantine_through_the_CLI_the_API_and_the_ingest_page()
    {
        var site = Path.Combine(Drops, "site-a");
        var outside = await Processes.Cli("schedule", "add", "--name", "etc", "--cron", "0 2 * * *", "--path", "/etc/*.parquet",
            "--participants", "/etc/p.parquet", "--gateway", _silo.Gateway);
        Assert.True(outside.Exit == 1, $"exit {outside.Exit}: {outside.Err}");
        Assert.Contains("is outside the ingest roots", outside.Err);

        var added = await Processes.Cli("schedule", "add", "--name", "site-a", "--cron", "0 2 * * *", "--path", Path.Combine(site, "observations*.parquet"),
            "--participants", Path.Combine(site, "participants.parquet"), "--timezone", "Europe/Oslo", "--gateway", _silo.Gateway);
        Assert.True(added.Exit == 0, added.Err);
        var listed = await Processes.CliJson("schedule", "list", "--gateway", _silo.Gateway);
        Assert.Equal("site-a", listed[0].GetProperty("definition").GetProperty("name").GetString());

        var badCron = await _silo.Http.PostAsJsonAsync("/api/ingest/schedules", new { name = "b", cron = "nightly", path = Path.Combine(site, "*.parquet"), participants = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badCron.StatusCode);
        Assert.Contains("cron: 'nightly' is not a 5-field cron expression", await badCron.Content.ReadAsStringAsync());
        var viaApi = await _silo.Http.PostAsJsonAsync("/api/ingest/schedules", new { name = "site-b", cron = "30 3 * * 1", path = Path.Combine(site, "*.parquet"), participants = Path.Combine(site, "participants.parquet") });
        Assert.Equal(HttpStatusCode.Created, viaApi.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _silo.Http.DeleteAsync("/api/ingest/schedules/site-b")).StatusCode);

        var drop = Path.Combine(_dir, "drop");
        await Processes.CliJson("synth", "--participants", "300", "--visits", "2", "--seed", "4", "--bad-rows", "0.005", "--out", drop);
        var run = await Processes.CliJson("ingest", "--participants", Path.Combine(drop, "participants.parquet"),
            "--observations", Path.Combine(drop, "observations.parquet"), "--gateway", _silo.Gateway);
        var runId = run.GetProperty("runId").GetString()!;
        var rejected = run.GetProperty("rowsRejected").GetInt64();
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.True(rejected > 0);
        Assert.Equal(64, run.GetProperty("files")[1].GetProperty("sha256").GetString()!.Length);

        var runs = await Processes.CliJson("runs", "--gateway", _silo.Gateway);
        Assert.Equal(runId, runs[runs.GetArrayLength() - 1].GetProperty("runId").GetString());

        // The run is in the shards' logs; `cohort shards flush` writes their bases and trims the logs (what a restart reads first).
        Assert.True(ShardLogSegments() > 0);
        var flushed = await Processes.Cli("shards", "flush", "--gateway", _silo.Gateway);
        Assert.True(flushed.Exit == 0, flushed.Err);
        Assert.Contains("flushed every shard", flushed.Out);
        Assert.Equal(0, ShardLogSegments());
        var csv = await Processes.Cli("quarantine", "--run", runId, "--gateway", _silo.Gateway);
        Assert.True(csv.Exit == 0, csv.Err);
        Assert.Equal(rejected + 1, csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var again = await Processes.CliJson("ingest", "--participants", Path.Combine(drop, "participants.parquet"),
            "--observations", Path.Combine(drop, "observations.parquet"), "--gateway", _silo.Gateway);
        Assert.Equal("skipped", again.GetProperty("status").GetString());

        // The history a page at a time, newest last: the latest run, then the page before it, through the API and the CLI.
        var all = (await _silo.GetJson("/api/ingest/runs")).EnumerateArray().Select(r => r.GetProperty("runId").GetString()).ToArray();
        var latest = Assert.Single((await _silo.GetJson("/api/ingest/runs?limit=1")).EnumerateArray());
        Assert.Equal(all[^1], latest.GetProperty("runId").GetString());
        var againId = again.GetProperty("runId").GetString()!;
        var earlier = await _silo.GetJson($"/api/ingest/runs?limit=1&before={againId}");
        Assert.Equal(runId, Assert.Single(earlier.EnumerateArray()).GetProperty("runId").GetString());
        var badLimit = await _silo.Http.GetAsync("/api/ingest/runs?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("parameter 'limit' must be a whole number from 1 to 1000", await badLimit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _silo.Http.GetAsync("/api/ingest/runs?before=no-such-run")).StatusCode);
        var before = await Processes.CliJson("runs", "--before", againId, "--last", "5", "--gateway", _silo.Gateway);
        Assert.Equal(runId, before[before.GetArrayLength() - 1].GetProperty("runId").GetString());
        var unknown = await Processes.Cli("runs", "--before", "no-such-run", "--gateway", _silo.Gateway);
        Assert.True(unknown.Exit == 1, $"exit {unknown.Exit}: {unknown.Err}");
        Assert.Contains("no ingest run 'no-such-run'", unknown.Err);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        await using var context = await BrowserSignIn.AsAdminAsync(browser, _silo.HttpPort);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        Assert.Equal(200, (await page.GotoAsync($"http://127.0.0.1:{_silo.HttpPort}/ingest"))!.Status);
        var runsTable = await page.InnerTextAsync("#runs");
        Assert.Contains(runId, runsTable);
        Assert.Contains("skipped", runsTable);
        Assert.Contains("site-a", await page.InnerTextAsync("#schedules"));
        Assert.Contains("Europe/Oslo", await page.InnerTextAsync("#schedules"));
        Assert.Contains("completeness:glucose", await page.InnerTextAsync("#quality"));
        var href = await page.GetAttributeAsync($"#runs a[href='/api/ingest/runs/{runId}/quarantine.csv']", "href");
        var download = await _silo.Http.GetStringAsync(href);
        Assert.Equal(csv.Out.Replace("\r", ""), download.Replace("\r", ""));
        Assert.Empty(errors);
    }
}
